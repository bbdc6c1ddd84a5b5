package cn.grid.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's src/main/docker/Dockerfile.jvm: Quarkus' fast-jar layout on a pinned JRE base, a non-root user,
 * the port the service listens on, nothing secret. (No Docker engine here: the images are not built by the tests.)
 */
class DockerfileTest {

    static final List<String> SERVICES = Repo.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void fastJarOnAPinnedBaseAsNonRoot(String service) {
        String dockerfile = Repo.read(Repo.path(service + "/src/main/docker/Dockerfile.jvm"));
        List<String> lines = Arrays.stream(dockerfile.split("\n")).map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        String from = lines.stream().filter(l -> l.startsWith("FROM ")).findFirst().orElseThrow().substring(5).strip();
        assertThat(WorkloadRulesTest.pinned(from)).as("FROM " + from + " pinned").isTrue();
        assertThat(from).contains("17");

        for (String layer : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertThat(lines).as("COPY of target/quarkus-app/" + layer)
                    .anyMatch(l -> l.startsWith("COPY ") && l.contains("target/quarkus-app/" + layer));
        }
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow().substring(5).strip();
        assertThat(user).as("the last USER").isNotIn("0", "root");
        assertThat(lines).anyMatch(l -> l.equals("EXPOSE " + ServiceConfig.of(service).httpPort()));
        assertThat(lines).anyMatch(l -> l.startsWith("ENTRYPOINT ") && l.contains("run-java.sh"));
        assertThat(dockerfile).contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");

        Matcher env = Pattern.compile("(?m)^(?:ENV|ARG)\\s+([A-Za-z_][A-Za-z0-9_]*)").matcher(dockerfile);
        while (env.find()) {
            assertThat(WorkloadRulesTest.secretLike(env.group(1))).as("ENV/ARG " + env.group(1) + " looks secret").isFalse();
        }
        // the build context is the module, and only the built app goes into it
        String ignore = Repo.read(Repo.path(service + "/.dockerignore"));
        assertThat(ignore.lines().map(String::strip).toList()).contains("*", "!target/quarkus-app/*");
    }
}
