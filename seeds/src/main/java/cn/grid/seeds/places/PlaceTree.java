package cn.grid.seeds.places;

import cn.grid.seeds.dataset.PlaceSpec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every place of the chosen districts by its code path, in dataset order (parents before children): the named
 * places of places.json, then the synthetic communities, grids and areas its {@code generate} entries ask for.
 */
public final class PlaceTree {

    private final Map<String, Place> byKey = new LinkedHashMap<>();

    /** The tree of the districts {@code only} names (by code or alias), or of all when it is empty. */
    public static PlaceTree of(List<PlaceSpec> districts, Set<String> only) {
        PlaceTree tree = new PlaceTree();
        for (PlaceSpec d : districts) {
            if (only.isEmpty() || d.named(only)) {
                tree.build(null, d);
            }
        }
        return tree;
    }

    public Collection<Place> all() {
        return byKey.values();
    }

    public int size() {
        return byKey.size();
    }

    public List<Place> roots() {
        return byKey.values().stream().filter(Place::isRoot).toList();
    }

    public Optional<Place> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The first place with this code (codes below a district are unique in the dataset). */
    public Optional<Place> byCode(String code) {
        return byKey.values().stream().filter(p -> p.code().equals(code)).findFirst();
    }

    private Place build(Place parent, PlaceSpec spec) {
        Place p = new Place(parent, spec);
        if (parent != null) {
            parent.children().add(p);
        }
        byKey.put(p.key(), p);
        spec.children().forEach(c -> build(p, c));
        PlaceSpec.Generate gen = spec.generate();
        if (gen == null) {
            return p;
        }
        if (p.level().equals(Place.STREET) && gen.communities() != null) {
            for (int i = p.children().size() + 1; p.children().size() < gen.communities(); i++) {
                build(p, PlaceSpec.generated(p.code() + "-C" + pad(i), p.name() + "第" + i + "社区", Place.COMMUNITY));
            }
            // the grids go round the communities, so every community (named ones too) gets its share
            int grids = gen.grids() - p.below(Place.GRID).size();
            int[] per = new int[p.children().size()];
            for (int g = 0; g < grids; g++) {
                per[g % per.length]++;
            }
            for (int c = 0; c < per.length; c++) {
                addGrids(p.children().get(c), per[c], null);
            }
        } else if (p.level().equals(Place.COMMUNITY) && gen.grids() != null) {
            addGrids(p, gen.grids(), gen);
        }
        return p;
    }

    private void addGrids(Place community, int count, PlaceSpec.Generate gen) {
        int have = (int) community.children().stream().filter(c -> c.level().equals(Place.GRID)).count();
        int area = 0;
        for (int i = have + 1; i <= have + count; i++) {
            Place grid = build(community, PlaceSpec.generated(community.code() + "-G" + pad(i),
                    community.name() + "第" + i + "网格", Place.GRID));
            if (gen != null && gen.areasPerGrid() != null) {
                for (int a = 1; a <= gen.areasPerGrid(); a++) {
                    area++;
                    build(grid, PlaceSpec.generated(grid.code() + "-A" + a, String.format(gen.areaName(), area),
                            Place.RESPONSIBILITY_AREA));
                }
            }
        }
    }

    static String pad(int i) {
        return i < 10 ? "0" + i : Integer.toString(i);
    }
}
