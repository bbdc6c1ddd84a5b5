package cn.grid.platform.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * A GeoJSON Polygon or MultiPolygon in WGS 84 longitude/latitude, as planar geometry (grids are small enough
 * that the plane is exact to well under a metre's worth of doubt for these checks).
 *
 * <p>Rules: every ring closed with at least four positions, coordinates in range, no ring crossing itself,
 * holes inside their shell. Points on a boundary count as inside ({@link #contains}); shared borders between
 * neighbours are not an overlap ({@link #overlaps}).
 */
public final class Area {

    /** A polygon: its shell and holes. Rings are closed: first position == last. */
    public record Polygon(Ring shell, List<Ring> holes) {
    }

    /** A closed ring as parallel coordinate arrays (x = longitude, y = latitude). */
    public record Ring(double[] x, double[] y) {

        int segments() {
            return x.length - 1;
        }
    }

    /** A bounding box, for index pre-filtering. */
    public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {
    }

    private static final double EPSILON = 1e-12;

    private final List<Polygon> polygons;
    private final BoundingBox box;

    Area(List<Polygon> polygons) {
        this.polygons = List.copyOf(polygons);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Polygon polygon : polygons) {
            Ring shell = polygon.shell();
            for (int i = 0; i < shell.x().length; i++) {
                minX = Math.min(minX, shell.x()[i]);
                minY = Math.min(minY, shell.y()[i]);
                maxX = Math.max(maxX, shell.x()[i]);
                maxY = Math.max(maxY, shell.y()[i]);
            }
        }
        this.box = new BoundingBox(minX, minY, maxX, maxY);
    }

    public List<Polygon> polygons() {
        return polygons;
    }

    public BoundingBox boundingBox() {
        return box;
    }

    /** Whether the point lies inside or on the boundary. */
    public boolean contains(double lon, double lat) {
        return locate(lon, lat) != Position.OUTSIDE;
    }

    /** Whether this area lies within {@code outer} (touching its boundary from inside is fine). */
    public boolean within(Area outer) {
        for (Polygon polygon : polygons) {
            for (Ring ring : rings(polygon)) {
                for (int i = 0; i < ring.segments(); i++) {
                    if (outer.locate(ring.x()[i], ring.y()[i]) == Position.OUTSIDE
                            || outer.locate(mid(ring.x(), i), mid(ring.y(), i)) == Position.OUTSIDE) {
                        return false;
                    }
                }
            }
        }
        return !properlyCrosses(outer);
    }

    /** Whether the interiors of the two areas share any region (a shared border is not an overlap). */
    public boolean overlaps(Area other) {
        if (box.maxLon() < other.box.minLon() || other.box.maxLon() < box.minLon()
                || box.maxLat() < other.box.minLat() || other.box.maxLat() < box.minLat()) {
            return false;
        }
        return properlyCrosses(other) || hasPointStrictlyInside(this, other) || hasPointStrictlyInside(other, this);
    }

    enum Position { INSIDE, BOUNDARY, OUTSIDE }

    Position locate(double px, double py) {
        if (px < box.minLon() || px > box.maxLon() || py < box.minLat() || py > box.maxLat()) {
            return Position.OUTSIDE;
        }
        for (Polygon polygon : polygons) {
            Position inShell = locate(polygon.shell(), px, py);
            if (inShell == Position.OUTSIDE) {
                continue;
            }
            if (inShell == Position.BOUNDARY) {
                return Position.BOUNDARY;
            }
            boolean inHole = false;
            for (Ring hole : polygon.holes()) {
                Position inThisHole = locate(hole, px, py);
                if (inThisHole == Position.BOUNDARY) {
                    return Position.BOUNDARY;
                }
                inHole |= inThisHole == Position.INSIDE;
            }
            if (!inHole) {
                return Position.INSIDE;
            }
        }
        return Position.OUTSIDE;
    }

    /** Ray casting, with points on an edge reported as BOUNDARY. */
    static Position locate(Ring ring, double px, double py) {
        boolean inside = false;
        double[] x = ring.x();
        double[] y = ring.y();
        for (int i = 0, j = x.length - 2; i < x.length - 1; j = i++) {
            if (onSegment(x[j], y[j], x[i], y[i], px, py)) {
                return Position.BOUNDARY;
            }
            if ((y[i] > py) != (y[j] > py) && px < (x[j] - x[i]) * (py - y[i]) / (y[j] - y[i]) + x[i]) {
                inside = !inside;
            }
        }
        return inside ? Position.INSIDE : Position.OUTSIDE;
    }

    private boolean properlyCrosses(Area other) {
        for (Polygon a : polygons) {
            for (Ring ra : rings(a)) {
                for (Polygon b : other.polygons) {
                    for (Ring rb : rings(b)) {
                        for (int i = 0; i < ra.segments(); i++) {
                            for (int j = 0; j < rb.segments(); j++) {
                                if (properCrossing(ra.x()[i], ra.y()[i], ra.x()[i + 1], ra.y()[i + 1],
                                        rb.x()[j], rb.y()[j], rb.x()[j + 1], rb.y()[j + 1])) {
                                    return true;
                                }
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    /** A vertex, an edge midpoint or an interior sample point of {@code a} strictly inside {@code b}. */
    private static boolean hasPointStrictlyInside(Area a, Area b) {
        for (Polygon polygon : a.polygons) {
            double[] sample = a.interiorPoint(polygon);
            if (sample != null && b.locate(sample[0], sample[1]) == Position.INSIDE) {
                return true;
            }
            Ring shell = polygon.shell();
            for (int i = 0; i < shell.segments(); i++) {
                if (b.locate(shell.x()[i], shell.y()[i]) == Position.INSIDE
                        || b.locate(mid(shell.x(), i), mid(shell.y(), i)) == Position.INSIDE) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A point just inside the polygon, next to the midpoint of one of its shell's edges (identical or nested
     * areas have all vertices on each other's boundaries; this point tells whether their interiors meet).
     */
    private double[] interiorPoint(Polygon polygon) {
        Ring shell = polygon.shell();
        double step = 1e-7 * Math.max(box.maxLon() - box.minLon(), box.maxLat() - box.minLat());
        for (int i = 0; i < shell.segments(); i++) {
            double mx = mid(shell.x(), i);
            double my = mid(shell.y(), i);
            double dx = shell.x()[i + 1] - shell.x()[i];
            double dy = shell.y()[i + 1] - shell.y()[i];
            double length = Math.hypot(dx, dy);
            if (length == 0) {
                continue;
            }
            for (int side : new int[] {1, -1}) {
                double px = mx - side * dy / length * step;
                double py = my + side * dx / length * step;
                if (locate(px, py) == Position.INSIDE) {
                    return new double[] {px, py};
                }
            }
        }
        return null;
    }

    private static List<Ring> rings(Polygon polygon) {
        List<Ring> rings = new ArrayList<>(1 + polygon.holes().size());
        rings.add(polygon.shell());
        rings.addAll(polygon.holes());
        return rings;
    }

    private static double mid(double[] values, int i) {
        return (values[i] + values[i + 1]) / 2;
    }

    static double orientation(double ax, double ay, double bx, double by, double cx, double cy) {
        double value = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        return Math.abs(value) < EPSILON ? 0 : value;
    }

    static boolean onSegment(double ax, double ay, double bx, double by, double px, double py) {
        return orientation(ax, ay, bx, by, px, py) == 0
                && Math.min(ax, bx) - EPSILON <= px && px <= Math.max(ax, bx) + EPSILON
                && Math.min(ay, by) - EPSILON <= py && py <= Math.max(ay, by) + EPSILON;
    }

    /** The two segments cross at a point interior to both (touching and collinear overlap do not count). */
    static boolean properCrossing(double ax, double ay, double bx, double by, double cx, double cy, double dx,
            double dy) {
        double o1 = orientation(ax, ay, bx, by, cx, cy);
        double o2 = orientation(ax, ay, bx, by, dx, dy);
        double o3 = orientation(cx, cy, dx, dy, ax, ay);
        double o4 = orientation(cx, cy, dx, dy, bx, by);
        return o1 * o2 < 0 && o3 * o4 < 0;
    }

    /** Segments share any point: crossing, touching or overlapping. */
    static boolean intersects(double ax, double ay, double bx, double by, double cx, double cy, double dx,
            double dy) {
        if (properCrossing(ax, ay, bx, by, cx, cy, dx, dy)) {
            return true;
        }
        return onSegment(ax, ay, bx, by, cx, cy) || onSegment(ax, ay, bx, by, dx, dy)
                || onSegment(cx, cy, dx, dy, ax, ay) || onSegment(cx, cy, dx, dy, bx, by);
    }
}
