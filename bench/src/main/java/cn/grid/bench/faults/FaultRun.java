package cn.grid.bench.faults;

import java.util.Map;

/** What a run's scenarios share: the settings, the suite, its fixture, its databases, broker and processes. */
record FaultRun(FaultSettings settings, Suite suite, Fixture fixture, Databases db, Topics topics,
        FaultControl control, Map<String, Long> rssAtStart) {

    SubmitLoad load(String label) {
        return new SubmitLoad(fixture, settings.clients(), label);
    }
}
