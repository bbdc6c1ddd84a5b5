package cn.grid.seeds.dataset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The three files of seeds/dataset/, read into records. A field the records do not know is refused (with the file,
 * the field and where it is), so a typo in the dataset stops the loader instead of silently loading less.
 */
public record Dataset(PlacesFile places, StudyFile study, TicketsFile tickets) {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .addModule(new JavaTimeModule())
            .build();

    public static Dataset read(Path dir) {
        return new Dataset(read(dir.resolve("places.json"), PlacesFile.class),
                read(dir.resolve("study.json"), StudyFile.class),
                read(dir.resolve("tickets.json"), TicketsFile.class));
    }

    static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new InvalidDatasetException(file, e);
        }
    }

    /** The dataset file that does not fit its records, and why (Jackson's message names the field and location). */
    public static final class InvalidDatasetException extends UncheckedIOException {
        InvalidDatasetException(Path file, IOException cause) {
            super(file + ": " + cause.getMessage(), cause);
        }
    }
}
