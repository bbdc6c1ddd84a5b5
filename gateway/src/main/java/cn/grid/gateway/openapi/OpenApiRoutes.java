package cn.grid.gateway.openapi;

import cn.grid.gateway.config.GatewayConfig;
import io.smallrye.openapi.ui.IndexHtmlCreator;
import io.smallrye.openapi.ui.Option;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code /q/openapi} (the suite's merged spec, JSON or YAML) and {@code /q/swagger-ui} (Swagger UI on that spec),
 * both without a token: the spec describes the API, it does not open it. The UI's assets come from SmallRye's
 * {@code smallrye-open-api-ui} jar, its index page from that jar's template, pointed at the merged spec.
 *
 * <p>Plain Vert.x routes in a class of their own, beside {@link cn.grid.gateway.GatewayRoutes}: the gateway has no
 * JAX-RS and no quarkus-smallrye-openapi, and these paths are outside {@code /api}, so no token check or proxying
 * runs before them.
 */
@ApplicationScoped
public class OpenApiRoutes {

    public static final String SPEC = "/q/openapi";
    public static final String UI = "/q/swagger-ui";

    private static final String ASSETS = "META-INF/resources/openapi-ui/";
    /** The UI's own files: names only, no path, so no request reaches past the UI's folder in the jar. */
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.(js|css|png|ico|html|map)");

    private final SuiteOpenApi spec;
    private final boolean uiEnabled;
    private final Map<String, Buffer> assets = new ConcurrentHashMap<>();
    private volatile Buffer index;

    public OpenApiRoutes(SuiteOpenApi spec, GatewayConfig config) {
        this.spec = spec;
        this.uiEnabled = config.swaggerUi().enabled();
    }

    void register(@Observes Router router) {
        // blocking handlers: the first call of each reads from the jar (and merges the spec); later ones are cached
        router.get(SPEC).blockingHandler(this::spec, false);
        if (!uiEnabled) {
            // prod: no UI on the public edge (gateway.swagger-ui.enabled); /q/swagger-ui then gets the 404 problem
            return;
        }
        // Vert.x matches /q/swagger-ui and /q/swagger-ui/ alike; the page's relative asset links need the slash
        router.get(UI).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next();
            } else {
                ctx.redirect(UI + "/");
            }
        });
        router.get(UI).blockingHandler(this::index, false);
        router.get(UI + "/index.html").blockingHandler(this::index, false);
        router.get(UI + "/:asset").blockingHandler(this::asset, false);
    }

    /** {@code ?format=json|yaml} wins; otherwise JSON when the caller accepts it and YAML does not come first. */
    private void spec(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        boolean json;
        if (format != null) {
            json = format.equalsIgnoreCase("json");
        } else {
            String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
            json = accept != null && accept.contains("json") && !accept.contains("yaml");
        }
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, json ? "application/json;charset=UTF-8"
                        : "application/yaml;charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(Buffer.buffer(json ? spec.json() : spec.yaml()));
    }

    private void index(RoutingContext ctx) {
        Buffer page = index;
        if (page == null) {
            Map<Option, String> options = new EnumMap<>(Option.class);
            options.put(Option.url, SPEC + "?format=json");
            options.put(Option.title, "grid suite API");
            options.put(Option.selfHref, UI + "/");
            options.put(Option.backHref, UI + "/");
            options.put(Option.oauth2RedirectUrl, UI + "/oauth2-redirect.html");
            options.put(Option.persistAuthorization, "true");
            try {
                page = Buffer.buffer(IndexHtmlCreator.createIndexHtml(options));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            index = page;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8").end(page);
    }

    private void asset(RoutingContext ctx) {
        String name = ctx.pathParam("asset");
        if (!ASSET.matcher(name).matches()) {
            ctx.next();
            return;
        }
        Buffer body = assets.get(name);
        if (body == null) {
            body = load(name);
            if (body == null) {
                ctx.next();
                return;
            }
            // only files that exist are kept, so the cache holds at most the UI's few dozen files
            assets.put(name, body);
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType(name))
                .putHeader(HttpHeaders.CACHE_CONTROL, "max-age=3600")
                .end(body);
    }

    /** An asset from the UI jar, or null for a name that is not there (the router then answers 404). */
    private static Buffer load(String name) {
        try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(ASSETS + name)) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "js" -> "text/javascript;charset=UTF-8";
            case "css" -> "text/css;charset=UTF-8";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "html" -> "text/html;charset=UTF-8";
            default -> "application/json";
        };
    }
}
