package cn.grid.testsupport;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The same request sent many times at once, and what a race must end with: one winner, the rest refused. */
public final class Races {

    private static final String PROBLEMS = "https://grid-suite.cn/problems/";

    private Races() {
    }

    /**
     * Sends {@code parallel} requests released together by a latch, so they overlap inside the service;
     * {@code request} gets the request's index.
     */
    public static List<ExtractableResponse<Response>> race(int parallel,
            IntFunction<ExtractableResponse<Response>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ExtractableResponse<Response>>> futures = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
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

    /**
     * Exactly one answer is {@code won}; every other is {@code lost} (412 or 409) as a problem+json of the matching
     * type — no 500, no second winner.
     */
    public static void assertOneWinner(List<ExtractableResponse<Response>> answers, int won, int lost) {
        List<Integer> statuses = answers.stream().map(ExtractableResponse::statusCode).toList();
        assertThat(statuses).as("statuses").filteredOn(s -> s == won).hasSize(1);
        assertThat(statuses).as("statuses").allMatch(s -> s == won || s == lost, "are " + won + " or " + lost);
        for (ExtractableResponse<Response> answer : answers) {
            if (answer.statusCode() == lost) {
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.<String>path("type"))
                        .isEqualTo(PROBLEMS + (lost == 412 ? "precondition-failed" : "conflict"));
            }
        }
    }
}
