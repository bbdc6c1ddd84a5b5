package cn.grid.contracts.events;

import cn.grid.contracts.events.grid.AssignmentEndedV1;
import cn.grid.contracts.events.grid.AssignmentStartedV1;
import cn.grid.contracts.events.grid.GridBoundaryChangedV1;
import cn.grid.contracts.events.grid.GridNodeCreatedV1;
import cn.grid.contracts.events.grid.GridNodeMovedV1;
import cn.grid.contracts.events.grid.GridNodeRetiredV1;
import cn.grid.contracts.events.grid.GridNodeUpdatedV1;
import cn.grid.contracts.events.grid.PartyMemberRegisteredV1;
import cn.grid.contracts.events.grid.PartyMemberUnregisteredV1;
import cn.grid.contracts.events.grid.PartyOrgChangedV1;
import cn.grid.contracts.events.grid.PartyOrgCreatedV1;
import cn.grid.contracts.events.grid.PartyOrgMembershipChangedV1;
import cn.grid.contracts.events.grid.RegistrationReviewedV1;
import cn.grid.contracts.events.grid.RegistrationSubmittedV1;
import cn.grid.contracts.events.grid.TeamChangedV1;
import cn.grid.contracts.events.notification.NotificationCreatedV1;
import cn.grid.contracts.events.notification.WebhookDisabledV1;
import cn.grid.contracts.events.request.RequestEscalatedV1;
import cn.grid.contracts.events.request.RequestOverdueV1;
import cn.grid.contracts.events.request.RequestSubmittedV1;
import cn.grid.contracts.events.request.RequestTransitionedV1;
import cn.grid.contracts.events.study.LectureOrderAcceptedV1;
import cn.grid.contracts.events.study.LectureOrderDeclinedV1;
import cn.grid.contracts.events.study.LectureOrderPlacedV1;
import cn.grid.contracts.events.study.ReflectionReviewedV1;
import cn.grid.contracts.events.study.ReflectionSubmittedV1;
import cn.grid.contracts.events.study.StudyAttendanceRecordedV1;
import cn.grid.contracts.events.study.StudyMonthClosedV1;
import cn.grid.contracts.events.study.StudyPointsAwardedV1;
import cn.grid.contracts.events.study.StudySessionRecordedV1;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue holds together: every type in {@link EventTypes} has a record, a JSON Schema and an example (and
 * nothing else is there); every example validates against its schema; every record, read from its example and
 * written back by a mapper configured as the services' is, validates too, also with each optional field null.
 */
class EventCatalogueTest {

    /** type → the record that carries it. Checked below against EventTypes, the records and the resources. */
    private static final Map<String, Class<? extends IntegrationEvent>> RECORDS = records();

    /**
     * As Quarkus configures the application's ObjectMapper, which the outbox's CloudEventCodec uses (the
     * quarkus.jackson defaults: java.time as ISO text in UTC, unknown properties ignored).
     */
    private static final ObjectMapper SUITE_MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultTimeZone(TimeZone.getTimeZone("UTC"))
            .build();

    /** Formats (uuid, date-time, date) are assertions here: a producer that writes a bad id or time must fail. */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true).build()));

    private static Map<String, Class<? extends IntegrationEvent>> records() {
        Map<String, Class<? extends IntegrationEvent>> records = new LinkedHashMap<>();
        records.put(EventTypes.GRID_NODE_CREATED, GridNodeCreatedV1.class);
        records.put(EventTypes.GRID_NODE_UPDATED, GridNodeUpdatedV1.class);
        records.put(EventTypes.GRID_NODE_MOVED, GridNodeMovedV1.class);
        records.put(EventTypes.GRID_NODE_RETIRED, GridNodeRetiredV1.class);
        records.put(EventTypes.GRID_BOUNDARY_CHANGED, GridBoundaryChangedV1.class);
        records.put(EventTypes.ASSIGNMENT_STARTED, AssignmentStartedV1.class);
        records.put(EventTypes.ASSIGNMENT_ENDED, AssignmentEndedV1.class);
        records.put(EventTypes.PARTY_MEMBER_REGISTERED, PartyMemberRegisteredV1.class);
        records.put(EventTypes.PARTY_MEMBER_UNREGISTERED, PartyMemberUnregisteredV1.class);
        records.put(EventTypes.PARTY_ORG_CREATED, PartyOrgCreatedV1.class);
        records.put(EventTypes.PARTY_ORG_CHANGED, PartyOrgChangedV1.class);
        records.put(EventTypes.PARTY_ORG_MEMBERSHIP_CHANGED, PartyOrgMembershipChangedV1.class);
        records.put(EventTypes.TEAM_CHANGED, TeamChangedV1.class);
        records.put(EventTypes.REGISTRATION_SUBMITTED, RegistrationSubmittedV1.class);
        records.put(EventTypes.REGISTRATION_REVIEWED, RegistrationReviewedV1.class);
        records.put(EventTypes.NOTIFICATION_WEBHOOK_DISABLED, WebhookDisabledV1.class);
        records.put(EventTypes.REQUEST_SUBMITTED, RequestSubmittedV1.class);
        for (String move : EventTypes.REQUEST_MOVES) {
            records.put(RequestTransitionedV1.typeOf(move), RequestTransitionedV1.class);
        }
        records.put(EventTypes.REQUEST_OVERDUE, RequestOverdueV1.class);
        records.put(EventTypes.REQUEST_ESCALATED, RequestEscalatedV1.class);
        records.put(EventTypes.STUDY_SESSION_RECORDED, StudySessionRecordedV1.class);
        records.put(EventTypes.STUDY_POINTS_AWARDED, StudyPointsAwardedV1.class);
        records.put(EventTypes.STUDY_ATTENDANCE_RECORDED, StudyAttendanceRecordedV1.class);
        records.put(EventTypes.STUDY_MONTH_CLOSED, StudyMonthClosedV1.class);
        records.put(EventTypes.STUDY_LECTURE_ORDER_PLACED, LectureOrderPlacedV1.class);
        records.put(EventTypes.STUDY_LECTURE_ORDER_ACCEPTED, LectureOrderAcceptedV1.class);
        records.put(EventTypes.STUDY_LECTURE_ORDER_DECLINED, LectureOrderDeclinedV1.class);
        records.put(EventTypes.STUDY_REFLECTION_SUBMITTED, ReflectionSubmittedV1.class);
        records.put(EventTypes.STUDY_REFLECTION_REVIEWED, ReflectionReviewedV1.class);
        records.put(EventTypes.NOTIFICATION_CREATED, NotificationCreatedV1.class);
        return records;
    }

    @Test
    void everyTypeOfEventTypesHasARecordASchemaAndAnExampleAndNothingElseIsThere() throws Exception {
        Set<String> declared = declaredTypes();
        Set<String> schemas = resourceTypes(".schema.json");
        Set<String> examples = resourceTypes(".example.json");

        assertThat(declared).as("EventTypes vs the records of this test's catalogue")
                .containsExactlyInAnyOrderElementsOf(RECORDS.keySet());
        assertThat(schemas).as("schemas (events/*.schema.json) vs EventTypes").isEqualTo(declared);
        assertThat(examples).as("examples (events/*.example.json) vs EventTypes").isEqualTo(declared);
        assertThat(eventRecordClasses()).as("every IntegrationEvent record of the module is catalogued")
                .isEqualTo(new HashSet<>(RECORDS.values()));
        try (Stream<Path> files = Files.list(eventsFolder())) {
            assertThat(files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.endsWith(".schema.json") && !n.endsWith(".example.json")))
                    .as("nothing but schemas and examples in events/").isEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleValidatesAgainstItsSchema() {
        return RECORDS.keySet().stream().map(type -> DynamicTest.dynamicTest(type, () -> {
            JsonNode example = read(resource(type, ".example.json"));
            assertThat(example.path("type").asText()).as("the example's type").isEqualTo(type);
            assertValid(type, example);
            assertThat(fieldNames(example.get("data"))).as("%s: the example's data fields vs the schema's", type)
                    .isEqualTo(schemaDataProperties(type));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRecordAsTheServicesWriteItValidatesAgainstItsSchema() {
        return RECORDS.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            String type = entry.getKey();
            ObjectNode example = (ObjectNode) read(resource(type, ".example.json"));
            IntegrationEvent event = SUITE_MAPPER.treeToValue(example.get("data"), entry.getValue());
            if (!(event instanceof RequestTransitionedV1)) {
                // RequestTransitionedV1 carries its type outside the data (@JsonIgnore), set by the producer
                assertThat(event.eventType()).as("the record's eventType()").isEqualTo(type);
            }

            JsonNode written = SUITE_MAPPER.valueToTree(event);
            assertThat(fieldNames(written)).as("%s: the record's JSON fields vs the schema's data properties", type)
                    .isEqualTo(schemaDataProperties(type));
            assertValid(type, example.deepCopy().set("data", written));

            IntegrationEvent sparse = withOptionalFieldsNull(event, schemaRequired(type));
            assertValid(type, example.deepCopy().set("data", SUITE_MAPPER.valueToTree(sparse)));
        }));
    }

    @Test
    void aRecordThatBreaksItsSchemaIsRefused() throws Exception {
        // the check above can fail: a node created with a path that is not a path of ids, and no name
        GridNodeCreatedV1 broken = new GridNodeCreatedV1("0190a1b2-0000-7000-8000-000000000001", null, "not-a-path",
                "GRID", "G01", null);
        ObjectNode example = (ObjectNode) read(resource(EventTypes.GRID_NODE_CREATED, ".example.json"));
        List<Error> errors = schema(EventTypes.GRID_NODE_CREATED)
                .validate(example.set("data", SUITE_MAPPER.valueToTree(broken)).toString(), InputFormat.JSON);
        assertThat(errors).extracting(Error::getProperty).isNotEmpty();
        assertThat(errors.toString()).contains("path").contains("name");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** The event's record with every component the schema does not require set to null (primitives kept). */
    private static IntegrationEvent withOptionalFieldsNull(IntegrationEvent event, Set<String> required)
            throws ReflectiveOperationException {
        RecordComponent[] components = event.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Object value = c.getAccessor().invoke(event);
            boolean optional = !c.getType().isPrimitive() && !required.contains(c.getName())
                    && !c.getAccessor().isAnnotationPresent(JsonIgnore.class)
                    && !c.isAnnotationPresent(JsonIgnore.class);
            values[i] = optional ? null : value;
        }
        return (IntegrationEvent) event.getClass().getDeclaredConstructor(types).newInstance(values);
    }

    private static void assertValid(String type, JsonNode event) {
        List<Error> errors = schema(type).validate(event.toString(), InputFormat.JSON);
        assertThat(errors).as("%s: %s", type, event).isEmpty();
    }

    private static Schema schema(String type) {
        return SCHEMAS.getSchema(resource(type, ".schema.json"), InputFormat.JSON);
    }

    private static Set<String> schemaDataProperties(String type) {
        return fieldNames(read(resource(type, ".schema.json")).path("properties").path("data").path("properties"));
    }

    private static Set<String> schemaRequired(String type) {
        Set<String> required = new TreeSet<>();
        read(resource(type, ".schema.json")).path("properties").path("data").path("required")
                .forEach(n -> required.add(n.asText()));
        return required;
    }

    /** The String constants of EventTypes that name a type (not a topic), and one type per request move. */
    private static Set<String> declaredTypes() throws IllegalAccessException {
        Set<String> types = new TreeSet<>();
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().endsWith("_TOPIC")) {
                types.add((String) f.get(null));
            }
        }
        EventTypes.REQUEST_MOVES.forEach(move -> types.add(RequestTransitionedV1.typeOf(move)));
        return types;
    }

    private static Set<String> resourceTypes(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(eventsFolder())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> "cn.grid." + n.substring(0, n.length() - suffix.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Every record implementing IntegrationEvent among this module's compiled classes. */
    private static Set<Class<?>> eventRecordClasses() throws IOException, URISyntaxException {
        Path root = Path.of(IntegrationEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("cn/grid/contracts/events"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    found.add(Class.forName(name));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return found.stream().filter(c -> c.isRecord() && IntegrationEvent.class.isAssignableFrom(c))
                .collect(Collectors.toSet());
    }

    private static Path eventsFolder() {
        try {
            return Path.of(EventCatalogueTest.class.getClassLoader().getResource("events").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String type, String suffix) {
        Path file = eventsFolder().resolve(type.substring("cn.grid.".length()) + suffix);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("no " + file.getFileName() + " for " + type, e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return SUITE_MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
