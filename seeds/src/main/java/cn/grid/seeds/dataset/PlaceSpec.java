package cn.grid.seeds.dataset;

import java.util.List;
import java.util.Map;

/**
 * One place of places.json: a node of the grid tree ({@code level} DISTRICT, STREET, COMMUNITY, GRID or
 * RESPONSIBILITY_AREA) with what hangs on it. Only code, name and level are required; the rest is empty when absent.
 *
 * @param generate   the synthetic communities, grids and areas under it (numbers the documents do not give)
 * @param people     per role (GRID_WORKER, PARTY_MEMBER, ...): how many, and on which level below they work
 * @param teams      a numbered series of teams formed at this place
 * @param teamsEach  named teams formed at this place
 * @param orgs       the party organisations of this place and its communities and grids
 * @param figures    the documents' figures about this place, for the reader (the loader does not use them)
 */
public record PlaceSpec(String code, String alias, String name, String level, String region, String source,
        Map<String, Figure> figures, Generate generate, Map<String, PeopleSpec> people, TeamSeries teams,
        List<TeamSpec> teamsEach, String teamsSource, OrgsSpec orgs, List<PlaceSpec> children) {

    public PlaceSpec {
        Required.present(code, "code");
        Required.present(name, "name");
        Required.present(level, "level");
        figures = Required.orEmpty(figures);
        people = Required.orEmpty(people);
        teamsEach = Required.orEmpty(teamsEach);
        children = Required.orEmpty(children);
    }

    /** A place the loader makes up (a synthetic community, grid or area): nothing hangs on it. */
    public static PlaceSpec generated(String code, String name, String level) {
        return new PlaceSpec(code, null, name, level, null, "synthetic", null, null, null, null, null, null, null,
                null);
    }

    /** Whether {@code --only} names this district, by division code or alias. */
    public boolean named(java.util.Collection<String> codes) {
        return codes.contains(code) || (alias != null && codes.contains(alias));
    }

    public record Figure(long value, String source) {
    }

    /**
     * @param communities how many communities a street has in all (the named ones count)
     * @param grids       how many grids a street (dealt round its communities) or a community has in all
     * @param areaName    a format with the area's number, e.g. "%d号小区"
     */
    public record Generate(Integer communities, Integer grids, Integer areasPerGrid, String areaName,
            String source) {

        public Generate {
            if (areasPerGrid != null) {
                Required.present(areaName, "generate.areaName");
            }
        }
    }

    /**
     * @param at         the level below the place whose nodes the people are dealt round (default GRID)
     * @param joinBranch whether each joins the party branch of their grid
     */
    public record PeopleSpec(int count, String at, Boolean joinBranch, String source) {

        public PeopleSpec {
            Required.positive(count, "people.count");
            at = at == null ? "GRID" : at;
            joinBranch = Boolean.TRUE.equals(joinBranch);
        }
    }

    /** {@code count} teams named by the format {@code name} with their number. */
    public record TeamSeries(String kind, int count, String name, String source) {

        public TeamSeries {
            Required.present(kind, "teams.kind");
            Required.present(name, "teams.name");
            Required.positive(count, "teams.count");
        }
    }

    public record TeamSpec(String kind, String name, String source) {

        public TeamSpec {
            Required.present(kind, "teamsEach.kind");
            Required.present(name, "teamsEach.name");
        }
    }

    /**
     * The organisations of a street or community: its root (at the place, or at its parent when {@code at} is
     * "parent"), one per community (name a format with the community's name), the community's extra branches, and
     * one branch per grid (name a format with the grid's name).
     */
    public record OrgsSpec(OrgSpec root, OrgSpec community, OrgSpec gridBranch, List<OrgSpec> extraBranches,
            String source) {

        public OrgsSpec {
            Required.present(root, "orgs.root");
            Required.present(community, "orgs.community");
            Required.present(gridBranch, "orgs.gridBranch");
            extraBranches = Required.orEmpty(extraBranches);
        }
    }

    public record OrgSpec(String kind, String name, String branchType, String at) {

        public OrgSpec {
            Required.present(name, "orgs.*.name");
        }

        public boolean atParent() {
            return "parent".equals(at);
        }
    }
}
