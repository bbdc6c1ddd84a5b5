package cn.grid.platform.startup;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the prod profile refuses to start without: a token verification key and issuer (every service and the
 * gateway), and each secret a service names in {@code grid.secrets.required} (grid-service: the identity-number
 * HMAC key) set to a value of its own. A warning in a log nobody reads protects nothing — a published key lets
 * anyone recompute the HMAC of every identity number — so each problem stops the start-up, naming the setting
 * and its environment variable.
 *
 * <p>Plain code over a config lookup, so that the gateway (which excludes the platform's beans) and the services'
 * {@link ProdSecretsCheck} share it, and a unit test can drive it without starting anything.
 */
public final class ProdSecrets {

    /** The list of secret settings a service requires in prod (comma-separated config names). */
    public static final String REQUIRED = "grid.secrets.required";
    /** A secret shorter than this is refused: the HMAC key must not be guessable. */
    public static final int MIN_SECRET_LENGTH = 32;
    /**
     * Values that stand in the repository (application.properties defaults, docs, examples) and so protect nothing.
     * Compared ignoring case.
     */
    public static final Set<String> PUBLISHED = Set.of("local-development-only", "change-me", "changeme", "secret");

    /**
     * What application.properties gives a required setting in prod instead of a default ({@code
     * %prod.mp.jwt.verify.issuer=${GRID_JWT_ISSUER:required-in-prod}}): counted as unset here. Not an empty
     * default, which smallrye-jwt would refuse before this check runs, with a message that names no variable.
     */
    public static final String UNSET = "required-in-prod";

    static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String KEY_INLINE = "mp.jwt.verify.publickey";
    static final String ISSUER = "mp.jwt.verify.issuer";

    private ProdSecrets() {
    }

    /**
     * Every problem with the configuration, one sentence each naming the setting; empty when the start may go on.
     * {@code config} answers a setting's value, or empty when it is unset, blank or an expression that does not
     * resolve (an unset environment variable).
     */
    public static List<String> problems(Function<String, Optional<String>> lookup, List<String> requiredSecrets) {
        Function<String, Optional<String>> config = name -> lookup.apply(name).filter(v -> !UNSET.equals(v));
        List<String> problems = new ArrayList<>();
        Optional<String> location = config.apply(KEY_LOCATION);
        if (location.isEmpty() && config.apply(KEY_INLINE).isEmpty()) {
            problems.add(KEY_LOCATION + " (GRID_JWT_PUBLIC_KEY_LOCATION) is not set: no token could be verified");
        }
        location.flatMap(ProdSecrets::localFile).filter(file -> !Files.isReadable(file)).ifPresent(file ->
                problems.add(KEY_LOCATION + " (GRID_JWT_PUBLIC_KEY_LOCATION) names " + file
                        + ", which is not a readable file"));
        if (config.apply(ISSUER).isEmpty()) {
            problems.add(ISSUER + " (GRID_JWT_ISSUER) is not set: tokens from any issuer would pass");
        }
        for (String name : requiredSecrets) {
            secretProblem(name, config.apply(name)).ifPresent(problems::add);
        }
        return problems;
    }

    /** Throws, naming every problem, when there is one. */
    public static void enforce(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the prod profile refuses to start: " + String.join("; ", problems)
                    + " (see docs/operations.md#security)");
        }
    }

    /** A lookup over MicroProfile Config that treats an unresolvable expression as unset. */
    public static Function<String, Optional<String>> lookup(org.eclipse.microprofile.config.Config config) {
        return name -> {
            try {
                return config.getOptionalValue(name, String.class).map(String::strip).filter(v -> !v.isEmpty());
            } catch (NoSuchElementException | IllegalArgumentException unresolved) {
                // ${GRID_JWT_PUBLIC_KEY_LOCATION} with the variable unset
                return Optional.empty();
            }
        };
    }

    /** The names listed in {@link #REQUIRED}. */
    public static List<String> required(Function<String, Optional<String>> config) {
        return config.apply(REQUIRED).stream()
                .flatMap(list -> java.util.Arrays.stream(list.split(",")))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    static Optional<String> secretProblem(String name, Optional<String> value) {
        String variable = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        if (value.isEmpty()) {
            return Optional.of(name + " is not set (environment variable " + variable + " or the setting's own)");
        }
        if (PUBLISHED.contains(value.get().toLowerCase(Locale.ROOT))) {
            return Optional.of(name + " is a value published in the repository; set a secret of your own");
        }
        if (value.get().length() < MIN_SECRET_LENGTH) {
            return Optional.of(name + " has " + value.get().length() + " characters; a secret needs at least "
                    + MIN_SECRET_LENGTH + " (e.g. openssl rand -hex 32)");
        }
        return Optional.empty();
    }

    /** A file path or file: URI as a path; a classpath or http(s) location is not checked here. */
    private static Optional<Path> localFile(String location) {
        if (location.startsWith("file:")) {
            try {
                return Optional.of(Path.of(URI.create(location)));
            } catch (IllegalArgumentException e) {
                return Optional.of(Path.of(location.substring("file:".length())));
            }
        }
        if (location.startsWith("classpath:") || location.contains("://")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(location));
    }
}
