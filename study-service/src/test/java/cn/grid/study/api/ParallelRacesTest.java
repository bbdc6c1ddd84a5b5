package cn.grid.study.api;

import cn.grid.testsupport.Races;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;

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
        List<ExtractableResponse<Response>> answers = Races.race(PARALLEL, i -> as(admin(WORLD.villageB))
                .body(StudyPlanResourceTest.plan(WORLD.orgB, 2035)).post("/api/v1/study/plans").then().extract());
        Races.assertOneWinner(answers, 201, 409);
    }

    @Test
    void aPlanReplacedAtOnceWithTheSameIfMatchHasOneWinnerAndTheRestGet412() throws Exception {
        String id = as(admin(WORLD.villageB)).body(StudyPlanResourceTest.plan(WORLD.orgB, 2036))
                .post("/api/v1/study/plans").then().statusCode(201).extract().path("id");
        List<ExtractableResponse<Response>> answers = Races.race(PARALLEL,
                i -> as(admin(WORLD.villageB)).header("If-Match", "\"0\"")
                .body(StudyPlanResourceTest.plan(WORLD.orgB, 2036).replace("\"sessionsPerMonth\": 1",
                        "\"sessionsPerMonth\": " + (1 + i % 3)))
                .put("/api/v1/study/plans/" + id).then().extract());
        Races.assertOneWinner(answers, 200, 412);
    }
}
