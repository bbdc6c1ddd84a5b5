package cn.grid.bench.faults;

import cn.grid.bench.Bench;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

import static org.assertj.core.api.Assertions.assertThat;

class FaultsCommandTest {

    static FaultsCommand parse(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "faults";
        System.arraycopy(args, 0, all, 1, args.length);
        ParseResult parsed = Bench.commandLine().parseArgs(all);
        return (FaultsCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void faultsTakesItsSettingsFromOptions() {
        FaultsCommand faults = parse("--gateway", "http://127.0.0.1:18280", "--kafka-down-seconds", "30,120",
                "--clients", "4", "claims", "event-latency");
        FaultSettings settings = faults.settings();

        assertThat(settings.gateway()).isEqualTo("http://127.0.0.1:18280");
        assertThat(settings.gatewayManagement()).isEqualTo("http://127.0.0.1:18380");
        assertThat(settings.kafkaDownSeconds()).containsExactly(30L, 120L);
        assertThat(settings.clients()).isEqualTo(4);
        assertThat(faults.chosen()).containsExactly("claims", "event-latency");
    }

    @Test
    void withoutScenariosItRunsAllButOrderAtScale() {
        assertThat(parse().chosen()).containsExactly("memory", "claims", "event-latency", "kafka-outage",
                "instance-kill", "pg-restart", "webhook-outage", "notification-kill");
    }

    @Test
    void theWebhookOutageIsFiveMinutesUnlessToldOtherwise() {
        FaultSettings defaults = parse("webhook-outage").settings();
        assertThat(defaults.webhookDownSeconds()).isEqualTo(300);
        assertThat(defaults.notifyRate()).isEqualTo(5.0);

        FaultsCommand shorter = parse("--webhook-down-seconds", "20", "--notify-rate", "2.5",
                "--webhook-retry-schedule", "PT1S,PT5S", "webhook-outage", "notification-kill");
        assertThat(shorter.settings().webhookDownSeconds()).isEqualTo(20);
        assertThat(shorter.settings().notifyRate()).isEqualTo(2.5);
        assertThat(shorter.settings().webhookRetrySchedule()).isEqualTo("PT1S,PT5S");
        assertThat(shorter.chosen()).containsExactly("webhook-outage", "notification-kill");
    }
}
