import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads the demo dataset of seeds/dataset/ through the gateway's public API (never SQL), idempotently: every item
 * has a natural key (node code path, person subject, team and material name, ticket Idempotency-Key), is looked up
 * before it is created, and a second run creates nothing. Run with {@code java seeds/Loader.java --help}.
 */
public class Loader {

    static final String HELP = """
            seeds/load [--gateway URL] [--only CODES] [--concurrency N] [--state FILE] [--dataset DIR]

            Loads the seed documents' places, people, organisations, teams, study materials and sessions, and
            tickets (through their whole lifecycle) through the gateway of a running suite (dev profile: it asks
            POST /auth/dev-token for its tokens). Idempotent: a second run changes nothing.

              --gateway URL     default $GATEWAY_URL or http://127.0.0.1:8080
              --only CODES      districts to load, comma-separated, by alias or division code: ZY (530303
                    沾益区), XLT (211103 兴隆台区), NS (440115 南沙区), CSX (430121 长沙县),
                    TY (430725 桃源县), XS (340603 相山区); default all
              --concurrency N   parallel requests, default 8
              --state FILE      where the ids of what has no lookup in the API are kept (roots, people,
                                organisations, memberships); default seeds/.state/<host>-<port>.json
              --dataset DIR     default the dataset/ next to this file
            """;

    // ---------------------------------------------------------------- configuration and counters

    final String gateway;
    final Path dataset;
    final Set<String> only;
    final int concurrency;
    final Path stateFile;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ExecutorService pool;
    final Map<String, String> state = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> created = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> found = new ConcurrentHashMap<>();
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    LocalDate startDate;

    /** Every node of the dataset by its code path, with what the loader needs about it. */
    final Map<String, Node> nodes = new LinkedHashMap<>();

    static final class Node {
        final String key;
        final String code;
        final String name;
        final String level;
        final Node parent;
        final Map<String, Object> spec;
        final List<Node> children = new ArrayList<>();
        volatile String id;

        Node(Node parent, String code, String name, String level, Map<String, Object> spec) {
            this.parent = parent;
            this.code = code;
            this.name = name;
            this.level = level;
            this.spec = spec;
            this.key = parent == null ? code : parent.key + "/" + code;
        }

        Node district() {
            return parent == null ? this : parent.district();
        }

        /** The leaves of the subtree at the given level, in dataset order. */
        List<Node> below(String wanted) {
            List<Node> out = new ArrayList<>();
            collect(this, wanted, out);
            return out;
        }

        private static void collect(Node n, String wanted, List<Node> out) {
            if (n.level.equals(wanted)) {
                out.add(n);
            }
            n.children.forEach(c -> collect(c, wanted, out));
        }
    }

    Loader(String gateway, Path dataset, Set<String> only, int concurrency, Path stateFile) {
        this.gateway = gateway.replaceAll("/+$", "");
        this.dataset = dataset;
        this.only = only;
        this.concurrency = concurrency;
        this.stateFile = stateFile;
        this.pool = Executors.newFixedThreadPool(concurrency);
    }

    public static void main(String[] args) throws Exception {
        String gateway = System.getenv().getOrDefault("GATEWAY_URL", "http://127.0.0.1:8080");
        Path dataset = null;
        Set<String> only = Set.of();
        int concurrency = 8;
        Path state = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(HELP);
                    return;
                }
                case "--gateway" -> gateway = args[++i];
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--state" -> state = Path.of(args[++i]);
                case "--dataset" -> dataset = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i] + "\n" + HELP);
                    System.exit(2);
                }
            }
        }
        if (dataset == null) {
            // seeds/load passes its own directory; run by hand from the repository root otherwise
            dataset = Path.of(System.getProperty("seeds.home", "seeds")).resolve("dataset");
        }
        if (state == null) {
            URI u = URI.create(gateway);
            state = dataset.getParent().resolve(".state").resolve(u.getHost() + "-" + u.getPort() + ".json");
        }
        Loader loader = new Loader(gateway, dataset, only, concurrency, state);
        int rc;
        try {
            rc = loader.run();
        } catch (Exception e) {
            // reported here: the source launcher cannot print an exception raised on a pool thread
            System.err.println("seeds: FAILED: " + e);
            e.printStackTrace();
            rc = 1;
        } finally {
            loader.pool.shutdownNow();
        }
        System.exit(rc);
    }

    int run() throws Exception {
        long t0 = System.nanoTime();
        Map<String, Object> places = obj(Json.parse(Files.readString(dataset.resolve("places.json"))));
        Map<String, Object> study = obj(Json.parse(Files.readString(dataset.resolve("study.json"))));
        Map<String, Object> tickets = obj(Json.parse(Files.readString(dataset.resolve("tickets.json"))));
        startDate = LocalDate.parse(str(places.get("startDate")));
        for (Object d : list(places.get("districts"))) {
            Map<String, Object> spec = obj(d);
            if (only.isEmpty() || only.contains(str(spec.get("code"))) || only.contains(str(spec.get("alias")))) {
                build(null, spec);
            }
        }
        loadState();
        System.out.printf("seeds: %d places in %s, through %s, %d at a time%n", nodes.size(),
                only.isEmpty() ? "all districts" : String.join(",", new java.util.TreeSet<>(only)),
                gateway, concurrency);

        step("places", this::loadNodes);
        step("people", this::loadPeople);
        step("organisations", this::loadOrgs);
        step("teams", this::loadTeams);
        step("study", () -> loadStudy(study));
        step("tickets", () -> loadTickets(tickets));

        long ms = (System.nanoTime() - t0) / 1_000_000;
        long total = created.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("seeds: done in %.1f s; created %d (%s), already there %s%n", ms / 1000.0, total,
                new TreeMap<>(created), new TreeMap<>(found));
        return 0;
    }

    interface Step {
        void run() throws Exception;
    }

    void step(String name, Step step) throws Exception {
        long t = System.nanoTime();
        try {
            step.run();
        } finally {
            saveState();
        }
        System.out.printf("seeds: %-14s %6.1f s%n", name, (System.nanoTime() - t) / 1e9);
    }

    // ---------------------------------------------------------------- the places tree

    /** Builds the in-memory tree: the named nodes, then the generated communities, grids and areas. */
    Node build(Node parent, Map<String, Object> spec) {
        Node n = new Node(parent, str(spec.get("code")), str(spec.get("name")), str(spec.get("level")), spec);
        if (parent != null) {
            parent.children.add(n);
        }
        nodes.put(n.key, n);
        for (Object c : list(spec.getOrDefault("children", List.of()))) {
            build(n, obj(c));
        }
        Map<String, Object> gen = obj(spec.getOrDefault("generate", Map.of()));
        if (n.level.equals("STREET") && gen.containsKey("communities")) {
            int communities = num(gen.get("communities"));
            for (int i = n.children.size() + 1; n.children.size() < communities; i++) {
                String code = n.code + "-C" + pad(i);
                build(n, Map.of("code", code, "name", n.name + "第" + i + "社区", "level", "COMMUNITY"));
            }
            // the grids go round the communities, so every community (named ones too) gets its share
            int grids = num(gen.get("grids")) - n.below("GRID").size();
            int[] per = new int[n.children.size()];
            for (int g = 0; g < grids; g++) {
                per[g % per.length]++;
            }
            for (int c = 0; c < per.length; c++) {
                addGrids(n.children.get(c), per[c], null);
            }
        } else if (n.level.equals("COMMUNITY") && gen.containsKey("grids")) {
            addGrids(n, num(gen.get("grids")), gen);
        }
        return n;
    }

    void addGrids(Node community, int count, Map<String, Object> gen) {
        int have = (int) community.children.stream().filter(c -> c.level.equals("GRID")).count();
        int area = 0;
        for (int i = have + 1; i <= have + count; i++) {
            Node grid = build(community, Map.of("code", community.code + "-G" + pad(i), "name",
                    community.name + "第" + i + "网格", "level", "GRID"));
            if (gen != null && gen.containsKey("areasPerGrid")) {
                for (int a = 1; a <= num(gen.get("areasPerGrid")); a++) {
                    area++;
                    build(grid, Map.of("code", grid.code + "-A" + a, "name",
                            String.format(str(gen.get("areaName")), area), "level", "RESPONSIBILITY_AREA"));
                }
            }
        }
    }

    void loadNodes() throws Exception {
        // roots have no lookup in the API (there is no list of districts): their ids live in the state file
        List<Node> level = nodes.values().stream().filter(n -> n.parent == null).toList();
        while (!level.isEmpty()) {
            List<Node> current = level;
            all(current.stream().<Callable<Void>>map(n -> () -> {
                ensureNode(n);
                return null;
            }).toList());
            level = current.stream().flatMap(n -> n.children.stream()).toList();
        }
    }

    /** Children of a node by code, read once per parent (the lookup that makes nodes idempotent). */
    final Map<String, Map<String, String>> childrenByCode = new ConcurrentHashMap<>();

    void ensureNode(Node n) throws Exception {
        String known = state.get("node:" + n.key);
        if (known == null && n.parent != null) {
            known = childrenByCode.computeIfAbsent(n.parent.id, this::childCodes).get(n.code);
        }
        if (known != null) {
            n.id = known;
            state.put("node:" + n.key, known);
            count(found, "places");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", n.name);
        body.put("level", n.level);
        body.put("code", n.code);
        if (n.parent != null) {
            body.put("parentId", n.parent.id);
        }
        Resp r = call("POST", "/api/v1/grids", admin(), body, null);
        if (r.status == 409 && n.parent == null) {
            throw new IllegalStateException("district " + n.code + " exists but its id is not in " + stateFile
                    + " (the API has no lookup of roots); load against the suite whose state file this is");
        }
        expect(r, 201, "create place " + n.key);
        n.id = str(obj(r.json).get("id"));
        state.put("node:" + n.key, n.id);
        count(created, "places");
    }

    Map<String, String> childCodes(String parentId) {
        Map<String, String> out = new ConcurrentHashMap<>();
        try {
            for (Map<String, Object> item : pages("/api/v1/grids/" + parentId + "/children?limit=200", admin())) {
                out.put(str(item.get("code")), str(item.get("id")));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    // ---------------------------------------------------------------- people and their roles

    static final String[] SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
            .split("");
    static final String[] GIVEN = ("建华秀英桂英秀兰玉兰国强志强海燕丽华红梅永刚文军晓东明辉春梅金凤丽娟俊杰雪梅德胜"
            + "国华玉珍淑芬建国晓燕志明美玲文华红霞小红勇刚宏伟丽萍建军世英家豪子涵雨轩思远浩然欣怡梓萱嘉怡")
            .split("(?<=\\G..)");

    /** A synthetic, deterministic name: the same subject always gets the same name. */
    static String nameFor(String subject) {
        Random r = new Random(subject.hashCode());
        return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
    }

    record PersonTask(String subject, Node home, Node assignAt, String role, Node branchNode) {
    }

    /** Which person (by subject) holds which role where: the dataset's counts, dealt round the grids. */
    List<PersonTask> people() {
        List<PersonTask> out = new ArrayList<>();
        for (Node n : nodes.values()) {
            Map<String, Object> people = obj(n.spec.getOrDefault("people", Map.of()));
            for (Map.Entry<String, Object> e : new TreeMap<>(people).entrySet()) {
                Map<String, Object> p = obj(e.getValue());
                String at = str(p.getOrDefault("at", "GRID"));
                List<Node> places = n.below(at);
                boolean join = Boolean.TRUE.equals(p.get("joinBranch"));
                int count = num(p.get("count"));
                for (int i = 0; i < count; i++) {
                    Node place = places.get(i % places.size());
                    Node grid = place.level.equals("GRID") ? place : place.parent;
                    String subject = "seed-" + n.code.toLowerCase() + "-" + abbrev(e.getKey()) + "-" + (i + 1);
                    out.add(new PersonTask(subject, place, place, e.getKey(), join ? grid : null));
                }
            }
            if (n.level.equals("DISTRICT")) {
                // who accepts, dispatches and handles the seeded tickets: the district's dispatchers, grid heads
                // (网格长) at the district node, so the registry makes them staff over every ticket of the district
                // (a token's roles are not believed). GRID_HEAD, so the documents' grid-worker counts stay exact.
                for (String who : List.of("seed-worker-", "seed-handler-")) {
                    out.add(new PersonTask(who + n.code.toLowerCase(), n, n, "GRID_HEAD", null));
                }
            }
        }
        return out;
    }

    static String abbrev(String role) {
        return switch (role) {
            case "GRID_WORKER" -> "gw";
            case "PARTY_MEMBER" -> "pm";
            case "SERVICE_SPECIALIST" -> "ss";
            default -> role.toLowerCase();
        };
    }

    void loadPeople() throws Exception {
        all(people().stream().<Callable<Void>>map(p -> () -> {
            ensurePerson(p);
            return null;
        }).toList());
    }

    void ensurePerson(PersonTask p) throws Exception {
        String personId = state.get("person:" + p.subject);
        if (personId == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", nameFor(p.subject));
            body.put("homeNodeId", p.home.id);
            body.put("subject", p.subject);
            body.put("address", p.home.name);
            Resp r = call("POST", "/api/v1/people", admin(), body, null);
            if (r.status == 409) {
                throw new IllegalStateException("person " + p.subject + " exists but its id is not in " + stateFile
                        + " (the API looks people up by id only)");
            }
            expect(r, 201, "register " + p.subject);
            personId = str(obj(r.json).get("id"));
            state.put("person:" + p.subject, personId);
            count(created, "people");
        } else {
            count(found, "people");
        }
        if (!state.containsKey("role:" + p.subject)) {
            Resp r = call("POST", "/api/v1/grids/" + p.assignAt.id + "/assignments", admin(),
                    Map.of("personId", personId, "role", p.role, "startDate", startDate.toString()), null);
            expect(r, 201, "assign " + p.subject);
            state.put("role:" + p.subject, str(obj(r.json).get("id")));
            count(created, "roles");
        } else {
            count(found, "roles");
        }
    }

    // ---------------------------------------------------------------- party organisations

    void loadOrgs() throws Exception {
        for (Node n : nodes.values()) {
            Map<String, Object> orgs = obj(n.spec.getOrDefault("orgs", Map.of()));
            if (orgs.isEmpty()) {
                continue;
            }
            Map<String, Object> root = obj(orgs.get("root"));
            Node rootAt = "parent".equals(root.get("at")) ? n.parent : n;
            String rootId = ensureOrg("org:" + rootAt.key, str(root.get("name")), str(root.get("kind")), null, null,
                    rootAt);
            Map<String, Object> community = obj(orgs.get("community"));
            List<Node> communities = n.level.equals("COMMUNITY") ? List.of(n) : n.below("COMMUNITY");
            Map<String, Object> branch = obj(orgs.get("gridBranch"));
            List<Callable<Void>> work = new ArrayList<>();
            for (Node c : communities) {
                work.add(() -> {
                    String cid = ensureOrg("org:" + c.key, String.format(str(community.get("name")), c.name),
                            str(community.get("kind")), null, rootId, c);
                    for (Object extra : list(orgs.getOrDefault("extraBranches", List.of()))) {
                        Map<String, Object> x = obj(extra);
                        ensureOrg("org:" + c.key + "#" + x.get("branchType"), str(x.get("name")), "BRANCH",
                                str(x.get("branchType")), cid, c);
                    }
                    for (Node g : c.below("GRID")) {
                        ensureOrg("org:" + g.key, String.format(str(branch.get("name")), g.name), "BRANCH",
                                str(branch.get("branchType")), cid, g);
                    }
                    return null;
                });
            }
            all(work);
        }
        // the members who join the branch of their grid (庆相桥社区: all 174)
        all(people().stream().filter(p -> p.branchNode != null).<Callable<Void>>map(p -> () -> {
            if (state.containsKey("member:" + p.subject)) {
                count(found, "memberships");
                return null;
            }
            String org = state.get("org:" + p.branchNode.key);
            Resp r = call("POST", "/api/v1/party-orgs/" + org + "/members", admin(),
                    Map.of("personId", state.get("person:" + p.subject), "startDate", startDate.toString()), null);
            expect(r, 201, "join " + p.subject);
            state.put("member:" + p.subject, str(obj(r.json).get("id")));
            count(created, "memberships");
            return null;
        }).toList());
    }

    String ensureOrg(String key, String name, String kind, String branchType, String parentId, Node at)
            throws Exception {
        String known = state.get(key);
        if (known != null) {
            count(found, "organisations");
            return known;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        if (branchType != null) {
            body.put("branchType", branchType);
        }
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        body.put("gridNodeId", at.id);
        Resp r = call("POST", "/api/v1/party-orgs", admin(), body, null);
        expect(r, 201, "found " + name);
        String id = str(obj(r.json).get("id"));
        state.put(key, id);
        count(created, "organisations");
        return id;
    }

    // ---------------------------------------------------------------- teams

    void loadTeams() throws Exception {
        List<Callable<Void>> work = new ArrayList<>();
        for (Node n : nodes.values()) {
            List<Map<String, Object>> teams = new ArrayList<>();
            list(n.spec.getOrDefault("teamsEach", List.of())).forEach(t -> teams.add(obj(t)));
            if (n.spec.containsKey("teams")) {
                Map<String, Object> t = obj(n.spec.get("teams"));
                for (int i = 1; i <= num(t.get("count")); i++) {
                    teams.add(Map.of("kind", t.get("kind"), "name", String.format(str(t.get("name")), i)));
                }
            }
            if (teams.isEmpty()) {
                continue;
            }
            work.add(() -> {
                Set<String> existing = ConcurrentHashMap.newKeySet();
                for (Map<String, Object> t : pages("/api/v1/grids/" + n.id + "/teams?limit=200", admin())) {
                    if (n.id.equals(t.get("gridNodeId"))) {
                        existing.add(str(t.get("name")));
                    }
                }
                for (Map<String, Object> t : teams) {
                    if (existing.contains(str(t.get("name")))) {
                        count(found, "teams");
                        continue;
                    }
                    Resp r = call("POST", "/api/v1/grids/" + n.id + "/teams", admin(),
                            Map.of("kind", t.get("kind"), "name", t.get("name")), null);
                    expect(r, 201, "form " + t.get("name"));
                    count(created, "teams");
                }
                return null;
            });
        }
        all(work);
    }

    // ---------------------------------------------------------------- study: materials and sessions

    Node byCode(String code) {
        return nodes.values().stream().filter(n -> n.code.equals(code)).findFirst().orElse(null);
    }

    void loadStudy(Map<String, Object> study) throws Exception {
        Map<String, String> materials = new ConcurrentHashMap<>();
        List<Callable<Void>> work = new ArrayList<>();
        for (Object t : list(obj(study.get("books")).get("titles"))) {
            work.add(() -> {
                materials.put(str(t), ensureMaterial(Map.of("kind", "BOOK", "title", t, "tags", List.of("必读书目"))));
                return null;
            });
        }
        for (Object t : list(obj(study.get("films")).get("titles"))) {
            work.add(() -> {
                materials.put(str(t), ensureMaterial(Map.of("kind", "FILM", "title", t, "tags", List.of("教育片"))));
                return null;
            });
        }
        Map<String, Object> lectures = obj(study.get("microLectures"));
        Node owner = byCode(str(lectures.get("owner")));
        if (owner != null) {
            for (int i = 1; i <= num(lectures.get("count")); i++) {
                String subject = "seed-" + owner.code.toLowerCase() + "-lecturer-" + i;
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("kind", "MICRO_LECTURE");
                body.put("title", String.format(str(lectures.get("title")), i));
                body.put("author", nameFor(subject));
                body.put("speakerSubject", subject);
                body.put("offered", true);
                body.put("durationMinutes", 30);
                body.put("tags", lectures.get("tags"));
                work.add(() -> {
                    ensureMaterial(body);
                    return null;
                });
            }
        }
        all(work);
        work.clear();
        for (Object o : list(study.get("sessions"))) {
            Map<String, Object> s = obj(o);
            Node at = byCode(str(s.get("at")));
            if (at == null) {
                continue;
            }
            work.add(() -> {
                waitKnown("/api/v1/study/grid-nodes/" + at.id);
                Set<String> existing = ConcurrentHashMap.newKeySet();
                for (Map<String, Object> x : pages("/api/v1/study/sessions?gridNodeId=" + at.id + "&limit=200",
                        admin())) {
                    existing.add(str(x.get("title")));
                }
                int count = num(s.getOrDefault("count", 1));
                for (int i = 1; i <= count; i++) {
                    String title = count == 1 ? str(s.get("title")) : String.format(str(s.get("title")), i);
                    if (existing.contains(title)) {
                        count(found, "sessions");
                        continue;
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("kind", s.get("kind"));
                    body.put("title", title);
                    body.put("gridNodeId", at.id);
                    body.put("startsAt", OffsetDateTime.of(2021, 6, 1, 19, 30, 0, 0, ZoneOffset.ofHours(8))
                            .plusDays(i - 1).toString());
                    body.put("durationMinutes", 45);
                    body.put("place", s.get("place"));
                    body.put("speaker", nameFor("seed-speaker-" + at.code + "-" + i));
                    if (s.containsKey("film") && materials.containsKey(str(s.get("film")))) {
                        body.put("materialIds", List.of(materials.get(str(s.get("film")))));
                    }
                    expect(call("POST", "/api/v1/study/sessions", admin(), body, null), 201, "session " + title);
                    count(created, "sessions");
                }
                return null;
            });
        }
        all(work);
    }

    String ensureMaterial(Map<String, Object> body) throws Exception {
        String title = str(body.get("title"));
        String q = java.net.URLEncoder.encode(title, StandardCharsets.UTF_8);
        for (Map<String, Object> m : pages("/api/v1/study/materials?kind=" + body.get("kind") + "&q=" + q
                + "&limit=50", admin())) {
            if (title.equals(m.get("title"))) {
                count(found, "materials");
                return str(m.get("id"));
            }
        }
        Resp r = call("POST", "/api/v1/study/materials", admin(), body, null);
        expect(r, 201, "material " + title);
        count(created, "materials");
        return str(obj(r.json).get("id"));
    }

    // ---------------------------------------------------------------- tickets, through their lifecycle

    void loadTickets(Map<String, Object> spec) throws Exception {
        // 党员接单: where party members are registered, a ticket goes to one of the grid's members (whose
        // satisfied rating study-service credits as practice); elsewhere to the district's handler
        Map<Node, List<String>> members = new LinkedHashMap<>();
        for (PersonTask p : people()) {
            if (p.role.equals("PARTY_MEMBER")) {
                Node grid = p.assignAt.level.equals("GRID") ? p.assignAt : p.assignAt.parent;
                members.computeIfAbsent(grid, g -> new ArrayList<>()).add(p.subject);
            }
        }
        List<Callable<Void>> work = new ArrayList<>();
        for (Object o : list(spec.get("tickets"))) {
            Map<String, Object> t = obj(o);
            Node at = byCode(str(t.get("at")));
            if (at == null) {
                continue;
            }
            List<Node> grids = at.level.equals("GRID") || at.level.equals("RESPONSIBILITY_AREA") ? List.of(at)
                    : at.below("GRID");
            for (Node g : grids) {
                waitKnown("/api/v1/requests/grid-nodes/" + g.id);
            }
            int count = num(t.get("count"));
            int resolved = num(t.getOrDefault("resolved", count));
            int rated = num(t.getOrDefault("rated", 0));
            List<Object> titles = list(t.getOrDefault("titles", List.of()));
            for (int i = 1; i <= count; i++) {
                int n = i;
                Node grid = grids.get((i - 1) % grids.size());
                String title = n <= titles.size() ? str(titles.get(n - 1))
                        : count == 1 ? str(t.get("title")) : String.format(str(t.get("title")), n);
                List<String> here = members.getOrDefault(grid, List.of());
                String handler = here.isEmpty() ? null : here.get((n - 1) / grids.size() % here.size());
                work.add(() -> {
                    ticket(at.district().code + "-" + str(t.get("key")) + "-" + n, str(t.get("type")), title, grid, at.district(), handler,
                            n <= resolved, n <= rated, str(t.get("outcome")));
                    return null;
                });
            }
        }
        all(work);
    }

    /** One ticket: submitted by its citizen, then moved on from wherever it stands to its outcome. */
    void ticket(String key, String type, String title, Node grid, Node district, String member, boolean resolve,
            boolean rate, String outcome) throws Exception {
        String citizen = token("seed-citizen-" + key.toLowerCase(), "citizen", null);
        // the tokens say only who is calling: the registry makes the worker staff and the member a member
        String worker = token("seed-worker-" + district.code.toLowerCase(), "staff", null);
        String handlerSubject = member != null ? member : "seed-handler-" + district.code.toLowerCase();
        String handler = token(handlerSubject, member != null ? "citizen" : "staff", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("description", title);
        body.put("gridNodeId", grid.id);
        body.put("contact", Map.of("name", nameFor("seed-citizen-" + key)));
        Resp r = call("POST", "/api/v1/requests", citizen, body, "seed-" + key);
        expect(r, 201, "submit " + key);
        boolean replayed = "true".equals(r.header("Idempotency-Replayed"));
        String id = str(obj(r.json).get("id"));
        // a replay answers the ticket as it stands now (status and ETag), so the loader carries on from there
        count(replayed ? found : created, "tickets");
        String etag = r.header("ETag");
        String status = str(obj(r.json).get("status"));
        boolean moved = false;
        while (true) {
            String path = "/api/v1/requests/" + id + "/";
            Resp next;
            switch (status) {
                case "SUBMITTED" -> next = move(path + "accept", worker, etag, null);
                case "ACCEPTED" -> {
                    if (!resolve) {
                        return;
                    }
                    next = move(path + "dispatch", worker, etag, Map.of("targetType", "PERSON", "targetId",
                            handlerSubject, "targetName", nameFor(handlerSubject)));
                }
                case "DISPATCHED" -> next = move(path + "sign", handler, etag, null);
                case "SIGNED" -> next = move(path + "start", handler, etag, null);
                case "IN_PROGRESS" -> next = move(path + "resolve", handler, etag,
                        Map.of("outcome", outcome, "notes", "已办结"));
                case "RESOLVED" -> {
                    if (!rate) {
                        return;
                    }
                    next = move(path + "rate", citizen, etag, Map.of("rating", 5, "comment", "很及时，谢谢"));
                }
                default -> {
                    return;
                }
            }
            expect(next, 200, status + " " + key);
            if (!moved) {
                moved = true;
                if (replayed) {
                    count(created, "ticket-moves-resumed");
                }
            }
            etag = next.header("ETag");
            status = str(obj(next.json).get("status"));
        }
    }

    Resp move(String path, String token, String etag, Object body) throws Exception {
        return call("POST", path, token, body, null, etag);
    }

    // ---------------------------------------------------------------- read models fed by Kafka

    /** Polls a read model of another service until it knows the node (grid.events are eventually consistent). */
    void waitKnown(String path) throws Exception {
        for (int i = 0; i < 240; i++) {
            if (call("GET", path, admin(), null, null).status == 200) {
                return;
            }
            // a pause between polls without Thread.sleep: a delayed no-op task
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS))
                    .join();
        }
        throw new IllegalStateException(path + " did not become known within 60 s");
    }

    // ---------------------------------------------------------------- tokens, HTTP, paging

    String admin() throws Exception {
        return token("seed-admin", "district-admin", null);
    }

    String token(String subject, String role, String scope) throws Exception {
        String k = subject + "|" + role + "|" + scope;
        String t = tokens.get(k);
        if (t != null) {
            return t;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject);
        body.put("roles", List.of(role));
        body.put("gridScope", scope);
        Resp r = call("POST", "/auth/dev-token", null, body, null);
        expect(r, 200, "dev token for " + subject);
        t = str(obj(r.json).get("token"));
        tokens.put(k, t);
        return t;
    }

    record Resp(int status, Object json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Resp call(String method, String path, String token, Object body, String idempotencyKey) throws Exception {
        return call(method, path, token, body, idempotencyKey, null);
    }

    Resp call(String method, String path, String token, Object body, String idempotencyKey, String ifMatch)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = b.build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> raw = http.send(request, HttpResponse.BodyHandlers.ofString());
                // 502/503/504: the suite is busy or a service restarts; a retry is safe (lookups, keys)
                if (raw.statusCode() >= 502 && raw.statusCode() <= 504 && attempt < 5) {
                    pause(attempt);
                    continue;
                }
                String text = raw.body();
                Object json = text == null || text.isBlank() || !text.trim().matches("(?s)[\\[{].*") ? null
                        : Json.parse(text);
                return new Resp(raw.statusCode(), json, raw);
            } catch (IOException e) {
                if (attempt >= 5) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    static void pause(int attempt) {
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(500L * attempt, TimeUnit.MILLISECONDS))
                .join();
    }

    static void expect(Resp r, int status, String what) {
        if (r.status != status) {
            throw new IllegalStateException(what + ": " + r.raw.request().method() + " " + r.raw.uri() + " answered "
                    + r.status + " " + r.raw.body());
        }
    }

    List<Map<String, Object>> pages(String path, String token) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        String cursor = null;
        do {
            String p = cursor == null ? path : path + "&cursor=" + java.net.URLEncoder.encode(cursor,
                    StandardCharsets.UTF_8);
            Resp r = call("GET", p, token, null, null);
            expect(r, 200, "list");
            Map<String, Object> page = obj(r.json);
            list(page.get("items")).forEach(i -> out.add(obj(i)));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return out;
    }

    void all(List<Callable<Void>> work) throws Exception {
        List<Future<Void>> futures = new ArrayList<>();
        // a long section (thousands of people or tickets) says how far it is every tenth, so a start that loads
        // the whole dataset does not look stuck
        AtomicLong done = new AtomicLong();
        int size = work.size();
        for (Callable<Void> c : work) {
            futures.add(pool.submit(() -> {
                c.call();
                long n = done.incrementAndGet();
                if (size >= 1000 && n % (size / 10) == 0 && n < size) {
                    System.out.printf("seeds:   %d of %d%n", n, size);
                }
                return null;
            }));
        }
        Exception first = null;
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception x ? x : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    static void count(Map<String, AtomicLong> counters, String what) {
        counters.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    // ---------------------------------------------------------------- the state file

    /**
     * Reads the ids kept by earlier runs. They belong to one database: when the first district the file knows
     * no longer exists (a fresh suite), the file is dropped.
     */
    void loadState() throws Exception {
        if (!Files.exists(stateFile)) {
            return;
        }
        Map<String, Object> saved = obj(Json.parse(Files.readString(stateFile)));
        for (Map.Entry<String, Object> e : saved.entrySet()) {
            state.put(e.getKey(), str(e.getValue()));
        }
        for (Node root : nodes.values()) {
            String id = state.get("node:" + root.key);
            if (root.parent == null && id != null) {
                if (call("GET", "/api/v1/grids/" + id, admin(), null, null).status == 404) {
                    System.out.println("seeds: " + stateFile + " belongs to another database; starting afresh");
                    state.clear();
                    stateDropped = true;
                }
                return;
            }
        }
    }

    boolean stateDropped;

    synchronized void saveState() throws IOException {
        Files.createDirectories(stateFile.getParent());
        // merged with the file as it is now, so runs for different districts sharing a file keep each other's ids
        if (!stateDropped && Files.exists(stateFile)) {
            obj(Json.parse(Files.readString(stateFile))).forEach((k, v) -> state.putIfAbsent(k, str(v)));
        }
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.writeString(tmp, Json.write(new TreeMap<>(state)));
        Files.move(tmp, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    // ---------------------------------------------------------------- small helpers and a JSON codec

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static int num(Object o) {
        return ((Number) o).intValue();
    }

    static String pad(int i) {
        return i < 10 ? "0" + i : Integer.toString(i);
    }

    /** Just enough JSON for the dataset and the API's answers (no library on a single-file program's path). */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.ws();
            if (j.i != j.s.length()) {
                throw new IllegalArgumentException("trailing text at " + j.i);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        i++; // ':'
                        m.put(k, value());
                        ws();
                        if (s.charAt(i++) == '}') {
                            return m;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i++) == ']') {
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String n = s.substring(start, i);
                    return n.matches("-?\\d+") ? (Object) Long.parseLong(n) : (Object) Double.parseDouble(n);
                }
            }
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        static String write(Object o) {
            StringBuilder b = new StringBuilder();
            write(o, b);
            return b.toString();
        }

        private static void write(Object o, StringBuilder b) {
            if (o == null) {
                b.append("null");
            } else if (o instanceof String str) {
                b.append('"');
                for (char c : str.toCharArray()) {
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append("\\t");
                        default -> {
                            if (c < 0x20) {
                                b.append(String.format("\\u%04x", (int) c));
                            } else {
                                b.append(c);
                            }
                        }
                    }
                }
                b.append('"');
            } else if (o instanceof Map<?, ?> m) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    write(String.valueOf(e.getKey()), b);
                    b.append(':');
                    write(e.getValue(), b);
                }
                b.append('}');
            } else if (o instanceof List<?> l) {
                b.append('[');
                for (int k = 0; k < l.size(); k++) {
                    if (k > 0) {
                        b.append(',');
                    }
                    write(l.get(k), b);
                }
                b.append(']');
            } else {
                b.append(o);
            }
        }
    }
}
