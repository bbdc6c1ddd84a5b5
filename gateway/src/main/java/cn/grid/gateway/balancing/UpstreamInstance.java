package cn.grid.gateway.balancing;

import io.smallrye.stork.api.ServiceInstance;

/**
 * One instance of a service, as Stork picked it for one request.
 *
 * @param service  the service's name ("request-service"), which is also its Stork service name
 * @param host     where the instance listens
 * @param port     its port
 * @param ssl      whether to speak TLS to it
 * @param basePath path prefix put in front of the forwarded path ("" for none)
 * @param selected Stork's own instance, told about the call when the load balancer gathers statistics
 */
public record UpstreamInstance(String service, String host, int port, boolean ssl, String basePath,
        ServiceInstance selected) {

    /** {@code host:port} ({@code [v6]:port}): how logs, ejections and the health report name the instance. */
    public String address() {
        return address(host, port);
    }

    static String address(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The head of the answer came back (for a response-time based load balancer). */
    public void recordReply() {
        if (selected != null && selected.gatherStatistics()) {
            selected.recordReply();
        }
    }

    /** The call is over, for better or worse (for a load balancer that counts calls in flight). */
    public void recordEnd(Throwable failure) {
        if (selected != null && selected.gatherStatistics()) {
            selected.recordEnd(failure);
        }
    }

    @Override
    public String toString() {
        return service + "@" + address();
    }
}
