package cn.grid.notification.app.webhook;

import java.net.InetAddress;

/**
 * Where one request goes: the URL's parts, and the one address (checked against the address policy) the connection
 * is made to, so that the name cannot resolve to something else between the check and the connect (DNS rebinding).
 */
record WebhookTarget(boolean https, String host, int port, String pathAndQuery, InetAddress address) {
}
