package cn.grid.seeds.load;

import cn.grid.seeds.dataset.StudyFile;
import cn.grid.seeds.gateway.GatewayClient;
import cn.grid.seeds.places.People;
import cn.grid.seeds.places.Place;
import cn.grid.seeds.places.PlaceTree;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * study-service's part: the catalogue (books, films, micro-lectures; looked up by title) and the sessions of the
 * loaded places (looked up by title in the place's session list, once study-service's read model knows the place).
 */
final class StudyLoader {

    /** The first session of a numbered series starts then; the n-th one n - 1 days later. */
    static final OffsetDateTime FIRST_SESSION = OffsetDateTime.of(2021, 6, 1, 19, 30, 0, 0, ZoneOffset.ofHours(8));

    private final GatewayClient gateway;
    private final Tally tally;
    private final Parallel parallel;

    StudyLoader(GatewayClient gateway, Tally tally, Parallel parallel) {
        this.gateway = gateway;
        this.tally = tally;
        this.parallel = parallel;
    }

    void load(StudyFile study, PlaceTree tree) throws Exception {
        Map<String, String> materials = new ConcurrentHashMap<>();
        List<Parallel.Item> work = new ArrayList<>();
        for (String t : study.books().titles()) {
            work.add(() -> materials.put(t, ensureMaterial(Map.of("kind", "BOOK", "title", t, "tags",
                    List.of("必读书目")))));
        }
        for (String t : study.films().titles()) {
            work.add(() -> materials.put(t, ensureMaterial(Map.of("kind", "FILM", "title", t, "tags",
                    List.of("教育片")))));
        }
        StudyFile.MicroLectures lectures = study.microLectures();
        tree.byCode(lectures.owner()).ifPresent(owner -> {
            for (int i = 1; i <= lectures.count(); i++) {
                String subject = "seed-" + owner.code().toLowerCase() + "-lecturer-" + i;
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("kind", "MICRO_LECTURE");
                body.put("title", String.format(lectures.title(), i));
                body.put("author", People.nameFor(subject));
                body.put("speakerSubject", subject);
                body.put("offered", true);
                body.put("durationMinutes", 30);
                body.put("tags", lectures.tags());
                work.add(() -> ensureMaterial(body));
            }
        });
        parallel.all(work);
        work.clear();
        for (StudyFile.SessionSpec s : study.sessions()) {
            tree.byCode(s.at()).ifPresent(at -> work.add(() -> ensureSessions(s, at, materials)));
        }
        parallel.all(work);
    }

    private void ensureSessions(StudyFile.SessionSpec s, Place at, Map<String, String> materials) {
        gateway.waitKnown("/api/v1/study/grid-nodes/" + at.id());
        Set<String> existing = new HashSet<>();
        for (JsonNode x : gateway.pages("/api/v1/study/sessions?gridNodeId=" + at.id() + "&limit=200",
                gateway.admin())) {
            existing.add(x.path("title").asText());
        }
        for (int i = 1; i <= s.count(); i++) {
            String title = s.count() == 1 ? s.title() : String.format(s.title(), i);
            if (existing.contains(title)) {
                tally.found("sessions");
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", s.kind());
            body.put("title", title);
            body.put("gridNodeId", at.id());
            body.put("startsAt", FIRST_SESSION.plusDays(i - 1).toString());
            body.put("durationMinutes", 45);
            body.put("place", s.place());
            body.put("speaker", People.nameFor("seed-speaker-" + at.code() + "-" + i));
            if (s.film() != null && materials.containsKey(s.film())) {
                body.put("materialIds", List.of(materials.get(s.film())));
            }
            gateway.post("/api/v1/study/sessions", gateway.admin(), body).expect(201, "session " + title);
            tally.created("sessions");
        }
    }

    private String ensureMaterial(Map<String, Object> body) {
        String title = (String) body.get("title");
        for (JsonNode m : gateway.pages("/api/v1/study/materials?kind=" + body.get("kind") + "&q="
                + GatewayClient.encode(title) + "&limit=50", gateway.admin())) {
            if (title.equals(m.path("title").asText())) {
                tally.found("materials");
                return m.path("id").asText();
            }
        }
        String id = gateway.post("/api/v1/study/materials", gateway.admin(), body).expect(201, "material " + title)
                .text("id");
        tally.created("materials");
        return id;
    }
}
