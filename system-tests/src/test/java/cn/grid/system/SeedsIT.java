package cn.grid.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * seeds/Loader.java run against the packaged suite (fresh databases): the stats endpoints reproduce the seed
 * documents' figures, and a second run creates nothing.
 *
 * <p>By default it loads the districts {@code XS,CSX} — 庆相桥社区 (12 compounds, 174 party members, 6 volunteer
 * teams) and 春华镇 (35 micro-lectures, 办实事 1509 项 / 评价 925 项) — which exercise every section of the loader
 * (places, people, organisations and memberships, teams, study, tickets through their lifecycle) in a few minutes.
 * {@code -Dseeds.only=ZY,XLT,NS,CSX,TY,XS} checks the full dataset (沾益区's 3,278 workers, 南沙街道's 505
 * branches and 10,758 members, 东涌镇's 145 branches and 2,300 specialists ...), which takes much longer.
 */
class SeedsIT extends AgainstTheSuite {

    static final Path ROOT = Path.of(System.getProperty("grid.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void theLoadedDatasetReproducesTheDocumentsFiguresAndASecondRunCreatesNothing() throws Exception {
        String only = System.getProperty("seeds.only", "XS,CSX");
        Set<String> districts = Set.of(only.split(","));
        Path dir = Files.createTempDirectory("seeds-it");
        Path state = dir.resolve("state.json");
        try {
            String first = load(only, state, dir.resolve("first.log"));
            assertThat(first).contains("seeds: done");
            figures(districts, JsonPath.from(state.toFile()).getMap("$"));

            String second = load(only, state, dir.resolve("second.log"));
            // the loader counts what it created; a second run finds everything and changes nothing
            assertThat(second).contains("created 0 ({})");
            figures(districts, JsonPath.from(state.toFile()).getMap("$"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** Asserts the documents' figures of the loaded districts through the stats endpoints. */
    private void figures(Set<String> districts, Map<String, Object> ids) {
        String admin = devToken("seeds-it-admin", List.of("district-admin"), null);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // doc001: 黨史學習教育指定的四本教材; the films named in doc001 and doc003
        assertThat(all(admin, "/api/v1/study/materials?kind=BOOK&limit=100")).hasSize(4);
        assertThat(all(admin, "/api/v1/study/materials?kind=FILM&limit=100")).hasSize(4);
        if (districts.contains("XS")) {
            String qxq = (String) ids.get("node:340603/SDK/QXQ");
            // doc004: 慶相橋社區轄區有12個小區、174名黨員 — compounds as responsibility areas
            assertThat(levelCount(admin, qxq, "RESPONSIBILITY_AREA")).isEqualTo(12);
            JsonPath orgs = get(admin, "/api/v1/party-orgs/counts?gridNodeId=" + qxq);
            assertThat(orgs.getLong("registeredMembers")).isEqualTo(174);
            assertThat(orgs.getLong("members")).isEqualTo(174);
            // doc004: 社區黨總支—物業公司黨支部—網格黨支部
            assertThat(orgCount(orgs, "GENERAL_BRANCH", null)).isEqualTo(1);
            assertThat(orgCount(orgs, "BRANCH", "PROPERTY_COMPANY")).isEqualTo(1);
            // doc004: 6支志願服務隊伍
            assertThat(all(admin, "/api/v1/grids/" + qxq + "/teams?limit=100")).hasSize(6);
        }
        if (districts.contains("CSX")) {
            String chunhua = (String) ids.get("node:430121/CH");
            // doc003: 收集社情民意925件，辦理為民服務事項1509件
            JsonPath stats = get(admin, "/api/v1/requests/stats?gridNodeId=" + chunhua + "&from="
                    + today.minusDays(1) + "&to=" + today);
            assertThat(stats.getString("headline")).isEqualTo("办实事 1509 项 / 评价 925 项");
            assertThat(stats.getLong("submitted")).isEqualTo(1509);
            // doc003: 開發“貼近式”農村黨員庭院微黨課35堂, on the 點單 menu
            assertThat(all(admin, "/api/v1/study/materials?kind=MICRO_LECTURE&offered=true&limit=100")).hasSize(35);
        }
        if (districts.contains("XLT")) {
            // doc001: 通過“微心願”活動，解決群眾難心事266條
            JsonPath stats = get(admin, "/api/v1/requests/stats?gridNodeId=" + ids.get("node:211103") + "&from="
                    + today.minusDays(1) + "&to=" + today);
            List<Map<String, Object>> groups = stats.getList("groups");
            assertThat(groups.stream().filter(g -> "MICRO_WISH".equals(g.get("type")))
                    .mapToLong(g -> ((Number) g.get("resolved")).longValue()).sum()).isEqualTo(266);
        }
        if (districts.contains("ZY")) {
            String zy = (String) ids.get("node:530303");
            String panjiang = (String) ids.get("node:530303/PJ");
            // doc000: 206名網格員 (盤江鎮), 全區3278名網格員
            assertThat(all(admin, "/api/v1/grids/" + panjiang + "/people?role=GRID_WORKER&limit=200")).hasSize(206);
            assertThat(all(admin, "/api/v1/grids/" + zy + "/people?role=GRID_WORKER&limit=200")).hasSize(3278);
            // doc000: 組建10支黨史學習教育宣講隊
            assertThat(all(admin, "/api/v1/grids/" + panjiang + "/teams?limit=100")).hasSize(10);
        }
        if (districts.contains("NS")) {
            JsonPath nansha = get(admin, "/api/v1/party-orgs/counts?gridNodeId=" + ids.get("node:440115/NSJD"));
            // doc002: 505個網格黨支部, 10758名居住地報到黨員
            assertThat(orgCount(nansha, "BRANCH", "GRID")).isEqualTo(505);
            assertThat(nansha.getLong("registeredMembers")).isEqualTo(10758);
            String dongchong = (String) ids.get("node:440115/DC");
            // doc002: 24個村(社區), 145個功能性網格黨支部, 2300多人聘任為黨群服務專員
            assertThat(levelCount(admin, dongchong, "COMMUNITY")).isEqualTo(24);
            assertThat(orgCount(get(admin, "/api/v1/party-orgs/counts?gridNodeId=" + dongchong), "BRANCH", "GRID"))
                    .isEqualTo(145);
            assertThat(all(admin, "/api/v1/grids/" + dongchong + "/people?role=SERVICE_SPECIALIST&limit=200"))
                    .hasSize(2300);
        }
    }

    private static long levelCount(String token, String node, String level) {
        List<Map<String, Object>> levels = get(token, "/api/v1/grids/" + node + "/counts").getList("levels");
        return levels.stream().filter(l -> level.equals(l.get("level")))
                .mapToLong(l -> ((Number) l.get("nodes")).longValue()).sum();
    }

    private static long orgCount(JsonPath counts, String kind, String branchType) {
        List<Map<String, Object>> orgs = counts.getList("organisations");
        return orgs.stream().filter(o -> kind.equals(o.get("kind"))
                        && (branchType == null ? o.get("branchType") == null : branchType.equals(o.get("branchType"))))
                .mapToLong(o -> ((Number) o.get("count")).longValue()).sum();
    }

    private static JsonPath get(String token, String path) {
        return given().baseUri(suite.gateway()).header("Authorization", "Bearer " + token)
                .when().get(path).then().statusCode(200).extract().jsonPath();
    }

    /** Every item of a keyset-paged list. */
    private static List<Object> all(String token, String path) {
        List<Object> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = get(token, cursor == null ? path : path + "&cursor=" + cursor);
            items.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return items;
    }

    /** Runs seeds/Loader.java as deploy/local/run does (seeds/load), and answers what it printed. */
    private static String load(String only, Path state, Path logFile) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(Arrays.asList(java, "-Dseeds.home=" + ROOT.resolve("seeds"),
                ROOT.resolve("seeds/Loader.java").toString(), "--gateway", suite.gateway(), "--only", only,
                "--state", state.toString()));
        File log = logFile.toFile();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        // generous: the full dataset through the API on a shared 2-core machine
        assertThat(p.waitFor(60, TimeUnit.MINUTES)).as("loader finished").isTrue();
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(p.exitValue()).as("loader exit status; output:%n%s", output).isZero();
        return output;
    }
}
