package cn.grid.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One service behind the gateway and the path prefixes it owns.
 *
 * @param service  the service's name, as clients read it in problem details ("request-service is unavailable")
 * @param prefixes path prefixes without trailing slash; a prefix owns itself and everything below it
 * @param url      base URL of the service: its scheme and path (put in front of the request path) apply to every
 *                 instance; its host and port are the one instance used when Stork has no address list for the
 *                 service (requests go to the instance {@link cn.grid.gateway.balancing.UpstreamSelector} picks;
 *                 {@link #host()} and {@link #port()} name that default instance only)
 * @param timeout  see {@link cn.grid.gateway.config.GatewayConfig.Upstream#timeout()}
 */
public record Route(String service, List<String> prefixes, URI url, Duration timeout) {

    public Route {
        prefixes = List.copyOf(prefixes);
        if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("the URL of " + service + " must be http(s)://host[:port], not " + url);
        }
    }

    public String host() {
        return url.getHost();
    }

    public boolean ssl() {
        return "https".equals(url.getScheme());
    }

    public int port() {
        return url.getPort() >= 0 ? url.getPort() : ssl() ? 443 : 80;
    }

    /** The base URL's own path without trailing slash ("" for none), to prepend to the forwarded path. */
    public String basePath() {
        String path = url.getRawPath();
        return path == null ? "" : path.replaceFirst("/+$", "");
    }
}
