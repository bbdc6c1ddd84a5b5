package cn.grid.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON mapper of request and response bodies (Quarkus REST asks this resolver before its own mapper): a copy
 * of the application's mapper that refuses what the API guide says it refuses —
 * <ul>
 *   <li>a key twice in one object ({@code STRICT_DUPLICATE_DETECTION}: which of the two counts is otherwise up to
 *       the deserializer, and a record's creator failed on it with a bare 500);</li>
 *   <li>a field no operation takes, including the ones the server owns ({@code id}, {@code version},
 *       {@code status}, {@code createdAt} ...): silently ignoring them hid client mistakes;</li>
 *   <li>content after the document, nesting deeper than {@link CheckedJsonInput#MAX_DEPTH}, numbers longer than
 *       100 digits.</li>
 * </ul>
 * Only bodies: Kafka events and JSON stored in the databases are read with the application's own mapper, which
 * stays tolerant (a consumer must accept a field a newer producer added).
 */
@Provider
public class StrictJsonBodies implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictJsonBodies(ObjectMapper application) {
        this.strict = strict(application);
    }

    public static ObjectMapper strict(ObjectMapper application) {
        ObjectMapper mapper = application.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(CheckedJsonInput.MAX_DEPTH)
                .maxNumberLength(100)
                .build());
        return mapper;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
