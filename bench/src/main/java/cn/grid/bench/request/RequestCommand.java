package cn.grid.bench.request;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/** bench/request/run: request-service's submit throughput and list latency at 1M tickets, one command a step. */
@Command(name = "request", mixinStandardHelpOptions = true, subcommandsRepeatable = false,
        description = "request-service benchmark (issue 4, issue 18): setup, submit, backlog, list, worklist.")
public final class RequestCommand {

    @Command(name = "setup", description = "get-or-create the bench grid tree through the gateway and wait until"
            + " request-service knows all of it")
    void setup(@Parameters(paramLabel = "GATEWAY_URL") String gateway,
            @Parameters(paramLabel = "ADMIN_TOKEN") String token,
            @Parameters(paramLabel = "JDBC_URL") String jdbcUrl) throws Exception {
        RequestBench.setup(gateway, token, jdbcUrl);
    }

    @Command(name = "submit", description = "POST /api/v1/requests against raw single-row INSERTs, same concurrency")
    void submit(@Parameters(paramLabel = "GATEWAY_URL") String gateway,
            @Parameters(paramLabel = "CITIZEN_TOKEN") String token,
            @Parameters(paramLabel = "JDBC_URL") String jdbcUrl,
            @Parameters(paramLabel = "REQUESTS") int requests,
            @Parameters(paramLabel = "CONCURRENCY") int concurrency) throws Exception {
        RequestBench.submit(gateway, token, jdbcUrl, requests, concurrency);
    }

    @Command(name = "backlog", description = "the SLA sweep over a backlog of resolved tickets nobody rated")
    void backlog(@Parameters(paramLabel = "JDBC_URL") String jdbcUrl,
            @Parameters(paramLabel = "TICKETS") int tickets,
            @Parameters(paramLabel = "RATING_WINDOW", description = "ISO-8601, e.g. P7D") Duration ratingWindow)
            throws Exception {
        RequestBench.backlog(jdbcUrl, tickets, ratingWindow);
    }

    @Command(name = "list", description = "list latency on the seeded 1M tickets, directly and through the gateway")
    void list(@Parameters(paramLabel = "REQUEST_URL") String requestUrl,
            @Parameters(paramLabel = "GATEWAY_URL") String gateway,
            @Parameters(paramLabel = "ADMIN_TOKEN") String adminToken,
            @Parameters(paramLabel = "CITIZEN_TOKEN") String citizenToken,
            @Parameters(paramLabel = "JDBC_URL") String jdbcUrl,
            @Parameters(paramLabel = "REQUESTS") int requests,
            @Parameters(paramLabel = "CONCURRENCY") int concurrency) throws Exception {
        RequestBench.list(requestUrl, gateway, adminToken, citizenToken, jdbcUrl, requests, concurrency);
    }

    @Command(name = "worklist", description = "a grid worker's work lists at one client against the primary-key GET")
    void worklist(@Parameters(paramLabel = "REQUEST_URL") String requestUrl,
            @Parameters(paramLabel = "GATEWAY_URL") String gateway,
            @Parameters(paramLabel = "ADMIN_TOKEN") String adminToken,
            @Parameters(paramLabel = "JDBC_URL") String jdbcUrl,
            @Parameters(paramLabel = "ROUNDS") int rounds) throws Exception {
        RequestBench.worklist(requestUrl, gateway, adminToken, jdbcUrl, rounds);
    }
}
