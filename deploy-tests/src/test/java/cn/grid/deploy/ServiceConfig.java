package cn.grid.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service needs from its environment, read from its own sources: the {@code ${VAR:default}} references
 * of its application.properties, its property keys (each settable as an environment variable), its Kafka topic
 * and its consumer groups. The deploy tests compare every manifest against this, so a variable added to a
 * service, or a new consumer (and so a new dead-letter topic), shows up here without editing the tests.
 */
record ServiceConfig(String service, Map<String, Optional<String>> envReferences, Map<String, String> properties,
        Map<String, String> consumerTopics) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    /**
     * {@code consumers.start("group", topic, ...)} or {@code consumers.start(CONSTANT, topic, ...)} with the group in a
     * constant; the topic, when it is named as {@code EventTypes.X_TOPIC}, is read from contracts' EventTypes.
     */
    private static final Pattern CONSUMER_START = Pattern.compile(
            "consumers\\.start\\(\\s*(?:\"([^\"]+)\"|([A-Z][A-Z0-9_]*))\\s*,\\s*(?:EventTypes\\.([A-Z][A-Z0-9_]*)\\s*,)?");
    /** {@code consumers.start(PREFIX + topic, topic, ...)}: a group per topic, named by a constant prefix. */
    private static final Pattern CONSUMER_PER_TOPIC = Pattern.compile(
            "consumers\\.start\\(\\s*([A-Z][A-Z0-9_]*)\\s*\\+\\s*(\\w+)\\s*,\\s*\\2\\s*,");
    /** The suite's event topics in contracts' EventTypes: {@code String GRID_TOPIC = "grid.events"} ... */
    private static final Pattern SUITE_TOPIC = Pattern.compile("String\\s+[A-Z][A-Z0-9_]*_TOPIC\\s*=\\s*\"([^\"]+)\"");
    /** How grid-readmodel's GridNodeViewConsumer names its group; checked against its source in {@link #of}. */
    private static final String GRIDVIEW_CONSUMER_SOURCE = "application + \".grid-events\"";

    static ServiceConfig of(String service) {
        Path module = Repo.path(service);
        String text = Repo.read(module.resolve("src/main/resources/application.properties"));
        // the platform kit's defaults (every module has the kit on its class path), which the service's own override
        String kitDefaults = Repo.read(Repo.path("platform/src/main/resources/META-INF/microprofile-config.properties"));
        Properties raw = new Properties();
        try {
            raw.load(new StringReader(kitDefaults));
            raw.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        raw.stringPropertyNames().stream().sorted().forEach(k -> properties.put(k, raw.getProperty(k)));

        Map<String, Optional<String>> refs = new LinkedHashMap<>();
        properties.values().forEach(v -> collectReferences(v, refs));

        Map<String, String> consumers = new java.util.TreeMap<>();
        String eventTypes = Repo.read(Repo.path("contracts/src/main/java/cn/grid/contracts/events/EventTypes.java"));
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> consumers.putAll(consumersIn(Repo.read(f), f.toString(), eventTypes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if ("true".equals(properties.get("grid.gridview.enabled"))) {
            String gridview = Repo.read(Repo.path(
                    "grid-readmodel/src/main/java/cn/grid/readmodel/grid/GridNodeViewConsumer.java"));
            if (!gridview.contains(GRIDVIEW_CONSUMER_SOURCE)) {
                throw new IllegalStateException("GridNodeViewConsumer no longer names its group "
                        + GRIDVIEW_CONSUMER_SOURCE + ": update ServiceConfig");
            }
            consumers.put(properties.get("quarkus.application.name") + ".grid-events", "grid.events");
        }
        return new ServiceConfig(service, refs, properties, consumers);
    }

    /**
     * The consumer groups one source file starts, each with the topic it reads:
     * <ul>
     *   <li>{@code consumers.start("group", topic, ...)} or {@code consumers.start(CONSTANT, topic, ...)}: the topic
     *   is the {@code EventTypes.X_TOPIC} named, or else read from the group's name
     *   ({@code study-service.grid-events} reads {@code grid.events});</li>
     *   <li>{@code consumers.start(PREFIX + topic, topic, ...)} (in a loop over configured topics): one group
     *   {@code PREFIX<topic>} for every event topic of the suite ({@code EventTypes.*_TOPIC}), the most it may be
     *   configured with.</li>
     * </ul>
     * A group made up in any other way would have no dead-letter topic in the manifests: the file is refused.
     */
    static Map<String, String> consumersIn(String source, String file, String eventTypes) {
        Map<String, String> consumers = new java.util.TreeMap<>();
        int found = 0;
        Matcher m = CONSUMER_START.matcher(source);
        while (m.find()) {
            found++;
            String group = m.group(1) != null ? m.group(1) : constantIn(source, m.group(2), file);
            consumers.put(group, m.group(3) != null ? constantIn(eventTypes, m.group(3), file)
                    : topicOfConsumer(group));
        }
        Matcher perTopic = CONSUMER_PER_TOPIC.matcher(source);
        while (perTopic.find()) {
            found++;
            String prefix = constantIn(source, perTopic.group(1), file);
            Matcher topic = SUITE_TOPIC.matcher(eventTypes);
            while (topic.find()) {
                consumers.put(prefix + topic.group(1), topic.group(1));
            }
        }
        if (found != source.split("consumers\\.start\\(", -1).length - 1) {
            throw new IllegalStateException(file + " starts a consumer whose group is neither a string, a String "
                    + "constant nor a constant prefix + its topic: update ServiceConfig");
        }
        return consumers;
    }

    /** Finds {@code ${NAME}} and {@code ${NAME:default}} (defaults may nest further expressions). */
    static void collectReferences(String value, Map<String, Optional<String>> into) {
        int i = 0;
        while ((i = value.indexOf("${", i)) >= 0) {
            int depth = 0;
            int end = -1;
            for (int j = i; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                return;
            }
            String inner = value.substring(i + 2, end);
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner : inner.substring(0, colon);
            Optional<String> fallback = colon < 0 ? Optional.empty() : Optional.of(inner.substring(colon + 1));
            if (ENV_NAME.matcher(name).matches()) {
                into.putIfAbsent(name, fallback);
            }
            fallback.ifPresent(d -> collectReferences(d, into));
            i = i + 2;
        }
    }

    /**
     * Variables a deployment must set. A variable without a default is needed to start at all; a default that
     * points at this machine (127.0.0.1, localhost) or says it is for development only would be wrong in any
     * deployment; the database and token settings differ in every environment. The dev-token signing key is the
     * exception: it is needed only where dev tokens are on, which the tests check separately.
     */
    Set<String> requiredEnv() {
        Set<String> required = new TreeSet<>();
        envReferences.forEach((name, fallback) -> {
            boolean needed = fallback.isEmpty()
                    || fallback.get().contains("127.0.0.1") || fallback.get().contains("localhost")
                    || fallback.get().contains("development")
                    || name.startsWith("GRID_DB_") || name.startsWith("GRID_JWT_");
            if (needed && !name.equals("GRID_JWT_PRIVATE_KEY_LOCATION")) {
                required.add(name);
            }
        });
        return required;
    }

    /**
     * Whether setting {@code name} in the environment means anything to this service: a referenced variable,
     * the environment form of one of its properties (MicroProfile Config: upper case, other characters to
     * {@code _}), or a Quarkus or JVM setting. Anything else is most likely a typo.
     */
    boolean understands(String name) {
        if (envReferences.containsKey(name) || name.startsWith("QUARKUS_") || name.startsWith("JAVA_")) {
            return true;
        }
        return properties.keySet().stream().map(ServiceConfig::envNameOf).anyMatch(name::equals);
    }

    static String envNameOf(String propertyKey) {
        String key = propertyKey.startsWith("%") ? propertyKey.substring(propertyKey.indexOf('.') + 1) : propertyKey;
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    /** The value of {@code String name = "...";} in {@code source}: a consumer group named by a constant. */
    private static String constantIn(String source, String name, String file) {
        Matcher m = Pattern.compile("String\\s+" + name + "\\s*=\\s*\"([^\"]+)\"").matcher(source);
        if (!m.find()) {
            throw new IllegalStateException(file + " starts a consumer named by " + name
                    + ", which is not a String constant of that file: update ServiceConfig");
        }
        return m.group(1);
    }

    int httpPort() {
        return Integer.parseInt(properties.get("quarkus.http.port"));
    }

    /** Health and metrics: the Quarkus management interface (quarkus.management.port), never behind a Service. */
    int managementPort() {
        if (!"true".equals(properties.get("quarkus.management.enabled"))) {
            throw new IllegalStateException(service + ": quarkus.management.enabled is not true");
        }
        return Integer.parseInt(properties.get("quarkus.management.port"));
    }

    /** The topic this service publishes to, if it publishes. */
    Optional<String> eventsTopic() {
        return Optional.ofNullable(properties.get("grid.events.topic"));
    }

    int poolMaxSize() {
        return Integer.parseInt(properties.getOrDefault("quarkus.datasource.jdbc.max-size", "20"));
    }

    /** The consumer groups this service starts. */
    Set<String> consumers() {
        return consumerTopics.keySet();
    }

    /** The topic a consumer group of this service reads. */
    String topicOf(String consumer) {
        return consumerTopics.get(consumer);
    }

    /** Consumer group {@code <app>.<topic with - for .>} reads that topic, e.g. study-service.grid-events. */
    static String topicOfConsumer(String consumer) {
        String suffix = consumer.substring(consumer.indexOf('.') + 1);
        return suffix.replace('-', '.');
    }

    static String deadLetterTopic(String consumer) {
        return consumer + ".dlt";
    }

    /** Every topic of the suite: each service's event topic and one dead-letter topic per consumer group. */
    static Set<String> allTopics(List<ServiceConfig> services) {
        Set<String> topics = new TreeSet<>();
        for (ServiceConfig s : services) {
            s.eventsTopic().ifPresent(topics::add);
            s.consumers().forEach(c -> topics.add(deadLetterTopic(c)));
        }
        return topics;
    }

    static List<ServiceConfig> all() {
        return Repo.SERVICES.stream().map(ServiceConfig::of).toList();
    }
}
