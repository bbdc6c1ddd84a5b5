package cn.grid.bench.faults;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the fault suite is and how hard to push it: bench/faults/run passes the addresses of the suite it started
 * (FAULTS_* variables, or the options of {@link FaultsCommand}).
 *
 * @param control the script that does the faults ({@code <control> --fault <name>}): bench/faults/run
 * @param webhookRetrySchedule the retry schedule bench/faults/run gave notification-service, blank: its default
 */
public record FaultSettings(String gateway, String requestService, String jdbcBase, String dbUser, String kafka,
        Path stateDir, Path control, int clients, int claimants, int wishes, int eventSamples,
        List<Long> kafkaDownSeconds, long orderSeconds, double notifyRate, long webhookDownSeconds,
        long webhookCatchupSeconds, String webhookRetrySchedule) {

    /** The management interface of the gateway (health, metrics): its HTTP port + 100 (deploy/local/README.md). */
    public String gatewayManagement() {
        return management(gateway);
    }

    public String requestServiceManagement() {
        return management(requestService);
    }

    /** The management interface of the process at base (http://host:port): the same host, port + 100. */
    static String management(String base) {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() + 100);
    }
}
