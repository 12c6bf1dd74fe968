package io.monitoring.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Times steps one after the other, with the memory meter's peaks, and keeps them in order. */
final class Stopwatch {
    private final MemoryMeter meter;
    private final PrintStream log;
    private final List<Phase> phases = new ArrayList<>();
    private SparkCounters counters;
    private Runnable flush = () -> { };

    /** What a timed step returns: the records it read and what it reports. */
    record Outcome(long records, Map<String, Object> detail) {
        static Outcome of(long records) {
            return new Outcome(records, Map.of());
        }
    }

    Stopwatch(MemoryMeter meter, PrintStream log) {
        this.meter = meter;
        this.log = log;
    }

    /** From now on each phase also reports what Spark did in it. */
    void countSpark(SparkCounters sparkCounters, Runnable flushEvents) {
        this.counters = sparkCounters;
        this.flush = flushEvents;
    }

    Phase time(String name, Supplier<Outcome> step) {
        log.printf("[bench] %s ...%n", name);
        System.gc();
        meter.startPhase();
        if (counters != null) {
            flush.run();
            counters.drain();
        }
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        Outcome outcome = step.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        MemoryMeter.Peak peak = meter.endPhase();
        Map<String, Object> detail = new LinkedHashMap<>(outcome.detail());
        if (counters != null) {
            flush.run();
            detail.put("spark", counters.drain());
        }
        Phase phase = new Phase(name, seconds, cpu, outcome.records(), peak.heapBytes(), peak.rssBytes(), detail);
        phases.add(phase);
        log.printf("[bench] %s: %.2f s (cpu %.2f s), %,d records, %,.0f records/s, heap peak %d MiB, RSS peak %d MiB%s%n", name,
                seconds, cpu, phase.records(), phase.recordsPerSecond(), peak.heapBytes() >> 20, peak.rssBytes() >> 20,
                counters != null ? ", spark " + detail.get("spark") : "");
        return phase;
    }

    /** This JVM's CPU time so far (every thread: driver, executors in local mode, JIT, GC). */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** A phase made of phases already timed (e.g. the pipeline's jobs), its time their sum. */
    Phase total(String name, List<Phase> parts, long records) {
        double seconds = parts.stream().mapToDouble(Phase::seconds).sum();
        double cpu = parts.stream().mapToDouble(Phase::cpuSeconds).sum();
        long heap = parts.stream().mapToLong(Phase::heapPeak).max().orElse(0);
        long rss = parts.stream().mapToLong(Phase::rssPeak).max().orElse(0);
        Phase phase = new Phase(name, seconds, cpu, records, heap, rss, Map.of("parts", parts.stream().map(Phase::name).toList()));
        phases.add(phase);
        log.printf("[bench] %s: %.2f s%n", name, seconds);
        return phase;
    }

    List<Phase> phases() {
        return Collections.unmodifiableList(phases);
    }
}
