package cn.grid.platform.geo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates a GeoJSON Polygon or MultiPolygon (RFC 7946) into an {@link Area}. Every refusal is an
 * {@link InvalidGeometryException} that says where ({@code coordinates[0][3]}) and what is wrong.
 */
public final class GeoJson {

    /** Total positions accepted in one boundary: enough for a detailed town outline, bounded for the checks. */
    public static final int MAX_POSITIONS = 10_000;

    private GeoJson() {
    }

    /** Reads a geometry and checks every rule; for what clients send. */
    public static Area read(JsonNode geometry) {
        return read(geometry, true);
    }

    /**
     * Reads a geometry that was validated when it was stored, skipping the quadratic simplicity and overlap
     * checks; for the locate path.
     */
    public static Area readTrusted(JsonNode geometry) {
        return read(geometry, false);
    }

    private static Area read(JsonNode geometry, boolean validate) {
        if (geometry == null || !geometry.isObject()) {
            throw new InvalidGeometryException("geometry", "must be a GeoJSON Polygon or MultiPolygon object");
        }
        String type = geometry.path("type").asText("");
        JsonNode coordinates = geometry.get("coordinates");
        if (coordinates == null || !coordinates.isArray() || coordinates.isEmpty()) {
            throw new InvalidGeometryException("coordinates", "must be a non-empty array");
        }
        int[] budget = {validate ? MAX_POSITIONS : Integer.MAX_VALUE};
        List<Area.Polygon> polygons = new ArrayList<>();
        switch (type) {
            case "Polygon" -> polygons.add(polygon(coordinates, "coordinates", budget, validate));
            case "MultiPolygon" -> {
                for (int i = 0; i < coordinates.size(); i++) {
                    polygons.add(polygon(coordinates.get(i), "coordinates[" + i + "]", budget, validate));
                }
            }
            default -> throw new InvalidGeometryException("type", "must be Polygon or MultiPolygon, not '" + type + "'");
        }
        Area area = new Area(polygons);
        for (int i = 0; validate && i < polygons.size(); i++) {
            for (int j = i + 1; j < polygons.size(); j++) {
                if (new Area(List.of(polygons.get(i))).overlaps(new Area(List.of(polygons.get(j))))) {
                    throw new InvalidGeometryException("coordinates[" + j + "]", "overlaps polygon " + i
                            + " of the same MultiPolygon");
                }
            }
        }
        return area;
    }

    private static Area.Polygon polygon(JsonNode rings, String where, int[] budget, boolean validate) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new InvalidGeometryException(where, "a polygon is a non-empty array of rings");
        }
        Area.Ring shell = ring(rings.get(0), where + "[0]", budget, validate);
        List<Area.Ring> holes = new ArrayList<>();
        for (int i = 1; i < rings.size(); i++) {
            Area.Ring hole = ring(rings.get(i), where + "[" + i + "]", budget, validate);
            for (int k = 0; validate && k < hole.segments(); k++) {
                if (Area.locate(shell, hole.x()[k], hole.y()[k]) == Area.Position.OUTSIDE) {
                    throw new InvalidGeometryException(where + "[" + i + "][" + k + "]", "a hole must lie inside its shell");
                }
            }
            holes.add(hole);
        }
        return new Area.Polygon(shell, holes);
    }

    private static Area.Ring ring(JsonNode positions, String where, int[] budget, boolean validate) {
        if (!positions.isArray() || positions.size() < 4) {
            throw new InvalidGeometryException(where, "a ring needs at least 4 positions (closed)");
        }
        budget[0] -= positions.size();
        if (budget[0] < 0) {
            throw new InvalidGeometryException(where, "more than " + MAX_POSITIONS + " positions in one boundary");
        }
        double[] x = new double[positions.size()];
        double[] y = new double[positions.size()];
        for (int i = 0; i < positions.size(); i++) {
            JsonNode p = positions.get(i);
            String at = where + "[" + i + "]";
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new InvalidGeometryException(at, "a position is [longitude, latitude]");
            }
            x[i] = p.get(0).asDouble();
            y[i] = p.get(1).asDouble();
            if (!(x[i] >= -180 && x[i] <= 180)) {
                throw new InvalidGeometryException(at, "longitude " + p.get(0) + " is outside -180..180");
            }
            if (!(y[i] >= -90 && y[i] <= 90)) {
                throw new InvalidGeometryException(at, "latitude " + p.get(1) + " is outside -90..90");
            }
        }
        int last = x.length - 1;
        if (x[0] != x[last] || y[0] != y[last]) {
            throw new InvalidGeometryException(where, "a ring must be closed: its last position repeats the first");
        }
        Area.Ring ring = new Area.Ring(x, y);
        if (validate) {
            requireSimple(ring, where);
        }
        return ring;
    }

    /** No two non-adjacent edges of a ring may touch; adjacent ones share only their common vertex. */
    private static void requireSimple(Area.Ring ring, String where) {
        double[] x = ring.x();
        double[] y = ring.y();
        int n = ring.segments();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean adjacent = j == i + 1 || (i == 0 && j == n - 1);
                if (adjacent) {
                    // adjacent edges may only meet at their shared vertex: not fold back along each other
                    int shared = j == i + 1 ? i + 1 : 0;
                    int a = j == i + 1 ? i : i + 1;
                    int b = j == i + 1 ? j + 1 : j;
                    if (Area.orientation(x[a], y[a], x[shared], y[shared], x[b], y[b]) == 0
                            && (x[a] - x[shared]) * (x[b] - x[shared]) + (y[a] - y[shared]) * (y[b] - y[shared]) > 0) {
                        throw new InvalidGeometryException(where + "[" + shared + "]", "the ring folds back on itself");
                    }
                    continue;
                }
                if (Area.intersects(x[i], y[i], x[i + 1], y[i + 1], x[j], y[j], x[j + 1], y[j + 1])) {
                    throw new InvalidGeometryException(where + "[" + i + "]", "edge " + i + " intersects edge " + j
                            + ": the ring crosses itself");
                }
            }
        }
        double doubleArea = 0;
        for (int i = 0; i < n; i++) {
            doubleArea += x[i] * y[i + 1] - x[i + 1] * y[i];
        }
        if (Math.abs(doubleArea) < 1e-18) {
            throw new InvalidGeometryException(where, "the ring encloses no area");
        }
    }
}
