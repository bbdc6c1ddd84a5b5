package cn.grid.notification.app.webhook;

import cn.grid.notification.config.NotificationConfig;
import cn.grid.notification.domain.webhook.AddressPolicy;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF guard: what a subscription URL may be, checked when it is saved (a 422 naming {@code url}) and again for
 * every request (the name is resolved anew and the connection pinned to a checked address; a name that now resolves
 * to a forbidden address fails that attempt). Redirects are never followed (see {@link WebhookHttp}).
 */
@ApplicationScoped
public class WebhookUrls {

    public static final int MAX_LENGTH = 2048;
    public static final String FIELD = "url";

    private final AddressPolicy policy;

    @jakarta.inject.Inject
    public WebhookUrls(NotificationConfig config) {
        this(new AddressPolicy(config.webhooks().allowPrivateAddresses(),
                config.webhooks().allowedHosts().orElse(List.of())));
    }

    WebhookUrls(AddressPolicy policy) {
        this.policy = policy;
    }

    /** Checks a URL a subscription is to be saved with; returns where its requests go. */
    public WebhookTarget checkForSubscription(String url) {
        URI uri = parse(url);
        try {
            return resolve(uri);
        } catch (RefusedAddressException e) {
            throw refused(e.getMessage());
        }
    }

    /** Resolves a stored URL for one request; a forbidden or unresolvable address fails that attempt. */
    WebhookTarget resolveForDelivery(String url) throws RefusedAddressException {
        try {
            return resolve(new URI(url));
        } catch (URISyntaxException e) {
            throw new RefusedAddressException("not a URL");
        }
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw refused("required");
        }
        if (url.length() > MAX_LENGTH) {
            throw refused("at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("must not carry a user name or password; authenticate deliveries by their signature");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw refused("must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw refused("must not have a fragment");
        }
        return uri;
    }

    private WebhookTarget resolve(URI uri) throws RefusedAddressException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new RefusedAddressException("host " + bare + " does not resolve");
        }
        boolean hostAllowed = policy.hostAllowed(bare);
        for (InetAddress address : addresses) {
            // one forbidden address is enough: a name that resolves to a public and a private address is refused
            if (!hostAllowed && !policy.permits(address)) {
                throw new RefusedAddressException("host " + bare + " resolves to " + address.getHostAddress()
                        + ", an address webhooks may not be sent to (loopback, private, link-local, multicast, "
                        + "unspecified, CGNAT or IPv6 unique-local)");
            }
        }
        return new WebhookTarget(https, bare, port, pathAndQuery, addresses[0]);
    }

    static DomainProblem refused(String message) {
        return new DomainProblem(ProblemType.UNPROCESSABLE, FIELD + ": " + message,
                List.of(new Problem.FieldError(FIELD, message)));
    }

    /** The address a URL names may not be called (or cannot be found). */
    static final class RefusedAddressException extends Exception {
        RefusedAddressException(String message) {
            super(message, null, false, false);
        }
    }
}
