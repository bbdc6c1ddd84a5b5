package cn.grid.seeds.load;

import cn.grid.seeds.gateway.GatewayClient;
import cn.grid.seeds.places.Place;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of what the API cannot look up by natural key (districts, people, roles, organisations, memberships),
 * kept by natural key in a JSON file ({@code node:<code path>}, {@code person:<subject>}, {@code role:},
 * {@code org:}, {@code member:}). seeds/check reads the {@code node:} ids back.
 */
public final class SeedState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> IDS = new TypeReference<>() {
    };

    private final Path file;
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private boolean dropped;

    public SeedState(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public String get(String key) {
        return ids.get(key);
    }

    public boolean has(String key) {
        return ids.containsKey(key);
    }

    public void put(String key, String id) {
        ids.put(key, id);
    }

    /**
     * Reads the ids kept by earlier runs. They belong to one database: when the first district the file knows
     * no longer exists (a fresh suite), the file is dropped.
     */
    public void load(Iterable<Place> places, GatewayClient gateway) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        ids.putAll(read());
        for (Place root : places) {
            String id = ids.get("node:" + root.key());
            if (root.isRoot() && id != null) {
                if (gateway.get("/api/v1/grids/" + id, gateway.admin()).status() == 404) {
                    System.out.println("seeds: " + file + " belongs to another database; starting afresh");
                    ids.clear();
                    dropped = true;
                }
                return;
            }
        }
    }

    /** Writes the ids (atomically), merged with the file as it is now unless it was dropped. */
    public synchronized void save() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // merged, so runs for different districts sharing a file keep each other's ids
        if (!dropped && Files.exists(file)) {
            read().forEach(ids::putIfAbsent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(new TreeMap<>(ids)));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Map<String, String> read() throws IOException {
        return JSON.readValue(file.toFile(), IDS);
    }
}
