package cn.grid.platform.geo;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds which of a few candidate boundaries (already narrowed by a bounding-box index, deepest node first)
 * contains a point. Parsed geometries are kept per node and boundary version, so a busy locate path parses
 * each boundary once.
 */
public final class BoundaryLocator {

    /** A candidate from the index: the node, its boundary's version and GeoJSON. */
    public record Candidate(UUID nodeId, long version, String geometry) {
    }

    private record Parsed(long version, Area area) {
    }

    private final ObjectMapper mapper;
    private final int capacity;
    private final ConcurrentHashMap<UUID, Parsed> cache = new ConcurrentHashMap<>();

    public BoundaryLocator(ObjectMapper mapper, int capacity) {
        this.mapper = mapper;
        this.capacity = capacity;
    }

    /** The first candidate (in the given order) whose boundary contains the point. */
    public Optional<UUID> firstContaining(List<Candidate> candidates, double lon, double lat) {
        for (Candidate candidate : candidates) {
            if (area(candidate).contains(lon, lat)) {
                return Optional.of(candidate.nodeId());
            }
        }
        return Optional.empty();
    }

    private Area area(Candidate candidate) {
        Parsed parsed = cache.get(candidate.nodeId());
        if (parsed == null || parsed.version() != candidate.version()) {
            if (cache.size() >= capacity) {
                // crude but bounded: a full cache starts over rather than growing without limit
                cache.clear();
            }
            try {
                parsed = new Parsed(candidate.version(), GeoJson.readTrusted(mapper.readTree(candidate.geometry())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cache.put(candidate.nodeId(), parsed);
        }
        return parsed.area();
    }
}
