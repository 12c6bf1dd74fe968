package io.monitoring.bench;

import java.util.Map;

/**
 * One timed step of a benchmark run.
 *
 * @param name       e.g. {@code pipeline.ingest}, {@code floor.ingest}, {@code deequ.profile}
 * @param seconds    wall time
 * @param cpuSeconds CPU time of this JVM during the step (all threads; less sensitive to a busy machine)
 * @param records    records the step read (what its records per second is of)
 * @param heapPeak   largest heap in use during the step, bytes
 * @param rssPeak    resident set high-water mark during the step, bytes
 * @param detail     what the step reported (rows written, runs' metrics, ...)
 */
record Phase(String name, double seconds, double cpuSeconds, long records, long heapPeak, long rssPeak, Map<String, Object> detail) {
    Phase {
        detail = Map.copyOf(detail);
    }

    double recordsPerSecond() {
        return seconds > 0 ? records / seconds : 0;
    }
}
