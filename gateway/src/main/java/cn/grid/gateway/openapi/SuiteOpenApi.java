package cn.grid.gateway.openapi;

import cn.grid.gateway.proxy.Route;
import cn.grid.gateway.proxy.Routes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The suite's one OpenAPI document: the gateway's own part ({@code openapi/gateway-part.json}) merged with the
 * services' documents as checked in under docs/openapi and packaged into the gateway's jar
 * ({@code openapi/services/<service>.json}), for the services that {@link Routes} routes to.
 *
 * <p>Packaged, not fetched: the spec is then the same whichever services are up, answers without a network call,
 * and is exactly the docs/openapi/gateway.json that integrators generate clients from (GatewaySpecTest). Each
 * service's drift test keeps its packaged file equal to what it serves. Built once, on first use, and kept: the
 * inputs are in the jar and the routes are fixed at start-up.
 */
@ApplicationScoped
public class SuiteOpenApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private final Routes routes;
    private volatile Rendered rendered;

    /** The document in both formats, rendered once. */
    private record Rendered(byte[] json, byte[] yaml) {
    }

    public SuiteOpenApi(Routes routes) {
        this.routes = routes;
    }

    public byte[] json() {
        return rendered().json();
    }

    public byte[] yaml() {
        return rendered().yaml();
    }

    /** The merged document as a tree (a copy: callers may not change the served one). */
    public ObjectNode document() {
        return build();
    }

    private Rendered rendered() {
        Rendered now = rendered;
        if (now == null) {
            synchronized (this) {
                now = rendered;
                if (now == null) {
                    ObjectNode document = build();
                    try {
                        now = new Rendered(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document),
                                YAML.writeValueAsBytes(document));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    rendered = now;
                }
            }
        }
        return now;
    }

    private ObjectNode build() {
        List<SpecMerger.Source> sources = new ArrayList<>();
        for (Route route : routes.all()) {
            sources.add(new SpecMerger.Source(route.service(), read("openapi/services/" + route.service() + ".json"),
                    route.prefixes(), Set.of(Routes.OPEN311)));
        }
        return SpecMerger.merge(read("openapi/gateway-part.json"), sources);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not in the gateway's jar: the build copies "
                        + "docs/openapi/*-service.json there (see gateway/pom.xml)");
            }
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
