package cn.grid.seeds.places;

import cn.grid.seeds.dataset.PlaceSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of the places tree the loader builds from the dataset: its key is its code path from the district
 * ({@code 340603/SDK/QXQ}), the natural key the state file and seeds/check use. Its id is known once the place
 * is found or created in the suite.
 */
public final class Place {

    public static final String DISTRICT = "DISTRICT";
    public static final String STREET = "STREET";
    public static final String COMMUNITY = "COMMUNITY";
    public static final String GRID = "GRID";
    public static final String RESPONSIBILITY_AREA = "RESPONSIBILITY_AREA";

    private final Place parent;
    private final PlaceSpec spec;
    private final String key;
    private final List<Place> children = new ArrayList<>();
    private volatile String id;

    Place(Place parent, PlaceSpec spec) {
        this.parent = parent;
        this.spec = spec;
        this.key = parent == null ? spec.code() : parent.key + "/" + spec.code();
    }

    public String key() {
        return key;
    }

    public String code() {
        return spec.code();
    }

    public String name() {
        return spec.name();
    }

    public String level() {
        return spec.level();
    }

    public PlaceSpec spec() {
        return spec;
    }

    public Place parent() {
        return parent;
    }

    public List<Place> children() {
        return children;
    }

    public boolean isRoot() {
        return parent == null;
    }

    public String id() {
        return id;
    }

    public void identify(String id) {
        this.id = id;
    }

    public Place district() {
        return parent == null ? this : parent.district();
    }

    /** The grid a grid or a responsibility area belongs to. */
    public Place grid() {
        return level().equals(GRID) ? this : parent;
    }

    /** The nodes of the subtree (itself included) at the given level, in dataset order. */
    public List<Place> below(String level) {
        List<Place> out = new ArrayList<>();
        collect(this, level, out);
        return out;
    }

    private static void collect(Place p, String level, List<Place> out) {
        if (p.level().equals(level)) {
            out.add(p);
        }
        p.children.forEach(c -> collect(c, level, out));
    }

    @Override
    public String toString() {
        return key;
    }
}
