package cn.grid.study.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's races in study-service: a natural key (one plan per organisation and year) created many times at once,
 * and one plan replaced many times with the same If-Match. One winner; the rest get 409 or 412 — the unique
 * violation or lost optimistic lock surfaced at commit and was a 500 before.
 */
@QuarkusTest
class ParallelRacesTest {

    static final StudyWorld WORLD = new StudyWorld();
    private static final int PARALLEL = 24;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        WORLD.ensure(dataSource);
    }

    @Test
    void oneOrganisationsPlanForAYearCreatedAtOnceHasOneWinnerAndTheRestGet409() throws Exception {
        List<ExtractableResponse<Response>> answers = race(i -> as(admin(WORLD.villageB))
                .body(StudyPlanResourceTest.plan(WORLD.orgB, 2035)).post("/api/v1/study/plans").then().extract());
        assertOneWinner(answers, 201, 409);
    }

    @Test
    void aPlanReplacedAtOnceWithTheSameIfMatchHasOneWinnerAndTheRestGet412() throws Exception {
        String id = as(admin(WORLD.villageB)).body(StudyPlanResourceTest.plan(WORLD.orgB, 2036))
                .post("/api/v1/study/plans").then().statusCode(201).extract().path("id");
        List<ExtractableResponse<Response>> answers = race(i -> as(admin(WORLD.villageB)).header("If-Match", "\"0\"")
                .body(StudyPlanResourceTest.plan(WORLD.orgB, 2036).replace("\"sessionsPerMonth\": 1",
                        "\"sessionsPerMonth\": " + (1 + i % 3)))
                .put("/api/v1/study/plans/" + id).then().extract());
        assertOneWinner(answers, 200, 412);
    }

    /** Sends {@code PARALLEL} requests released together, so they overlap inside the service. */
    static List<ExtractableResponse<Response>> race(IntFunction<ExtractableResponse<Response>> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ExtractableResponse<Response>>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                int n = i;
                futures.add(pool.submit((Callable<ExtractableResponse<Response>>) () -> {
                    start.await();
                    return request.apply(n);
                }));
            }
            start.countDown();
            List<ExtractableResponse<Response>> answers = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertOneWinner(List<ExtractableResponse<Response>> answers, int won, int lost) {
        List<Integer> statuses = answers.stream().map(ExtractableResponse::statusCode).toList();
        assertThat(statuses).as("statuses").filteredOn(s -> s == won).hasSize(1);
        assertThat(statuses).as("statuses").allMatch(s -> s == won || s == lost, "are " + won + " or " + lost);
        for (ExtractableResponse<Response> answer : answers) {
            if (answer.statusCode() == lost) {
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.<String>path("type")).isEqualTo("https://grid-suite.cn/problems/"
                        + (lost == 412 ? "precondition-failed" : "conflict"));
            }
        }
    }
}
