package io.monitoring.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.monitoring.config.MonitoringConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one benchmark run: every phase, the targets judged from them (PASS, MISS, or
 * n/a where this run cannot tell), written as a human table ({@code .md}) and as data ({@code .json}).
 */
final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long GIB = 1L << 30;

    private final long records;
    private final LocalDate day;
    private final Instant started;
    private final Instant finished;
    private final String loadBefore;
    private final String loadAfter;
    private final String command;
    private final MonitoringConfig config;
    private final Map<String, Object> data;
    private final List<Phase> phases;
    private final long processRssPeak;
    private final long processHeapPeak;
    private final boolean hwmResettable;
    private final long warmupRecords;
    private List<Target> targets = List.of();
    private Path comparedWith;

    /** One target of the issue: measured against a reference, with the ratio and the limit. */
    record Target(String id, String description, String measured, String reference, Double ratio, String limit,
                  String status, Double cpuRatio, String note) {}

    BenchReport(long records, LocalDate day, Instant started, Instant finished, String loadBefore, String loadAfter,
                String command, MonitoringConfig config, Map<String, Object> data, List<Phase> phases, MemoryMeter meter,
                long warmupRecords) {
        this.records = records;
        this.day = day;
        this.started = started;
        this.finished = finished;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.command = command;
        this.config = config;
        this.data = data;
        this.phases = List.copyOf(phases);
        this.processRssPeak = meter.processRssPeak();
        this.processHeapPeak = meter.processHeapPeak();
        this.hwmResettable = meter.hwmResettable();
        this.warmupRecords = warmupRecords;
    }

    /** Judges the targets (reading the quarter-size run's results for the scaling one) and writes both files. */
    Path[] write(Path dir, String baseName, Path compareWith) throws IOException {
        Files.createDirectories(dir);
        Optional<Map<String, Object>> quarter = quarterRun(dir, compareWith);
        targets = judge(quarter);
        Path md = dir.resolve(baseName + ".md");
        Path json = dir.resolve(baseName + ".json");
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        JSON.writeValue(json.toFile(), json());
        return new Path[] {md, json};
    }

    private Optional<Phase> phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private double seconds(String... names) {
        double s = 0;
        for (String n : names) {
            s += phase(n).map(Phase::seconds).orElse(Double.NaN);
        }
        return s;
    }

    private double cpu(String... names) {
        double s = 0;
        for (String n : names) {
            s += phase(n).map(Phase::cpuSeconds).orElse(Double.NaN);
        }
        return s;
    }

    private List<Target> judge(Optional<Map<String, Object>> quarter) {
        List<Target> out = new ArrayList<>();
        double ingest = seconds("pipeline.ingest");
        double floor = seconds("floor.ingest");
        out.add(atLeast("ingest_vs_floor", "Ingest throughput at least 0.8x the floor's (JSON with an explicit schema straight to Delta) on the same files",
                fmtS(ingest) + " (" + rate(phase("pipeline.ingest")) + ")", fmtS(floor) + " floor", floor / ingest, 0.8, cpu("floor.ingest") / cpu("pipeline.ingest"),
                "ratio = floor time / ingest time = ingest throughput / floor throughput"));

        double daily = seconds("pipeline.stats", "pipeline.quality", "pipeline.drift");
        double scan = seconds("scan.day");
        out.add(atMost("daily_vs_scan", "Stats + quality + drift for the day (all features and slices) no longer than the bare JSON scan of the day's files",
                fmtS(daily) + " (stats " + fmtS(seconds("pipeline.stats")) + ", quality " + fmtS(seconds("pipeline.quality"))
                        + ", drift " + fmtS(seconds("pipeline.drift")) + ")",
                fmtS(scan) + " scan", daily / scan, 1.0,
                cpu("pipeline.stats", "pipeline.quality", "pipeline.drift") / cpu("scan.day"), "ratio = (stats + quality + drift) / bare scan of the day's files"));

        double deequ = seconds("deequ.profile");
        double drift = seconds("pipeline.drift");
        out.add(atLeast("vs_deequ", "At least 3x faster than Deequ's equivalent per-feature profile on the same table",
                fmtS(drift) + " drift job", fmtS(deequ) + " Deequ profile (+ " + fmtS(seconds("deequ.prepare")) + " flattening, not counted)",
                deequ / drift, 3.0, cpu("deequ.profile") / cpu("pipeline.drift"), "ratio = Deequ profile time / product drift job time (the product's per-feature profile, with slices and both baselines)"));

        double total = seconds("pipeline.total");
        if (quarter.isPresent()) {
            double before = quarterTotal(quarter.get());
            out.add(atMost("linear", "4x the records takes at most 4.4x as long (whole pipeline)",
                    fmtS(total) + " at " + records, fmtS(before) + " at " + (records / 4) + " (" + comparedWith.getFileName() + ")",
                    total / before, 4.4, Double.NaN, "ratio = pipeline total at N / at N/4"));
        } else {
            out.add(new Target("linear", "4x the records takes at most 4.4x as long (whole pipeline)", fmtS(total) + " at " + records,
                    "no results at " + (records / 4) + " records in the results folder", null, "<= 4.40", "n/a", null,
                    "run with --records " + (records / 4) + " first, or pass --compare-with"));
        }

        double rssGib = processRssPeak / (double) GIB;
        out.add(new Target("driver_memory", "Driver peak memory under 4 GiB (the issue's check is at 10M records)",
                String.format(Locale.ROOT, "%.2f GiB RSS peak (heap peak %.2f GiB of max %.2f GiB)", rssGib,
                        processHeapPeak / (double) GIB, MemoryMeter.maxHeapBytes() / (double) GIB),
                "4 GiB", rssGib / 4.0, "< 4 GiB", rssGib < 4.0 ? (records >= 10_000_000 ? "PASS" : "PASS (at " + records + ")") : "MISS", null,
                "whole-process resident set high-water mark (VmHWM): heap, off-heap, metaspace, the generator; local mode, so executors included"));

        if (phase("incremental.total").isPresent() && warmupRecords == 0) {
            out.add(new Target("incremental", "Daily run on top of history at most 1.2x the run on an empty history",
                    fmtS(seconds("incremental.total")) + " with history", fmtS(total) + " empty history, run cold", null, "<= 1.20", "n/a", null,
                    "without a warm-up the empty-history run pays class loading and JIT, so the two are not comparable"));
        } else if (phase("incremental.total").isPresent()) {
            double inc = seconds("incremental.total");
            out.add(atMost("incremental", "Daily run on top of " + data.get("history_days") + " days of history costs at most 1.2x the same run on an empty history",
                    fmtS(inc) + " with history (ingest " + fmtS(seconds("incremental.ingest")) + ")",
                    fmtS(total) + " empty history (ingest " + fmtS(seconds("pipeline.ingest")) + ")", inc / total, 1.2,
                    cpu("incremental.total") / cpu("pipeline.total"),
                    "history: " + data.get("history_days") + " days x " + data.get("history_records_per_day") + " records; ratio = daily run with history / on empty history"));
        } else {
            out.add(new Target("incremental", "Daily run on top of history at most 1.2x the run on an empty history", "skipped", "", null,
                    "<= 1.20", "n/a", null, "run without --skip-incremental"));
        }
        return out;
    }

    private static Target atLeast(String id, String description, String measured, String reference, double ratio, double limit,
            double cpuRatio, String note) {
        return new Target(id, description, measured, reference, finite(ratio), String.format(Locale.ROOT, ">= %.2f", limit),
                Double.isFinite(ratio) ? (ratio >= limit ? "PASS" : "MISS") : "n/a", finite(cpuRatio), note);
    }

    private static Target atMost(String id, String description, String measured, String reference, double ratio, double limit,
            double cpuRatio, String note) {
        return new Target(id, description, measured, reference, finite(ratio), String.format(Locale.ROOT, "<= %.2f", limit),
                Double.isFinite(ratio) ? (ratio <= limit ? "PASS" : "MISS") : "n/a", finite(cpuRatio), note);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The run with a quarter of the records: the one named, else the newest results file in the folder. */
    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> quarterRun(Path dir, Path compareWith) throws IOException {
        if (records % 4 != 0) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        if (compareWith != null) {
            candidates.add(compareWith);
        } else {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
                ds.forEach(candidates::add);
            }
            candidates.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        }
        for (Path p : candidates) {
            Map<String, Object> r = JSON.readValue(p.toFile(), Map.class);
            if (r.get("records") instanceof Number n && n.longValue() * 4 == records && !Double.isNaN(quarterTotal(r))) {
                comparedWith = p;
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static double quarterTotal(Map<String, Object> results) {
        for (Map<String, Object> p : (List<Map<String, Object>>) results.getOrDefault("phases", List.of())) {
            if ("pipeline.total".equals(p.get("name"))) {
                return ((Number) p.get("seconds")).doubleValue();
            }
        }
        return Double.NaN;
    }

    /** The JVM's own options (heap, GC, JIT directives), without the --add-opens flags every launcher passes. */
    private static List<String> jvmOptions() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("--add-opens"))
                .toList();
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Benchmark: ").append(String.format(Locale.ROOT, "%,d", records)).append(" records, day ").append(day).append("\n\n");
        b.append("Command: `").append(command).append("`  \n");
        b.append("Run: ").append(started).append(" to ").append(finished).append("  \n");
        b.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(String.format(Locale.ROOT, "%.1f GiB", totalMemory() / (double) GIB)).append(" memory, Java ")
                .append(System.getProperty("java.version")).append(", max heap ")
                .append(String.format(Locale.ROOT, "%.1f GiB", MemoryMeter.maxHeapBytes() / (double) GIB))
                .append(", Spark ").append(org.apache.spark.package$.MODULE$.SPARK_VERSION())
                .append(" ").append(config.spark().master()).append(", shuffle partitions ").append(config.spark().shufflePartitions())
                .append("  \n");
        b.append("JVM options: `").append(String.join(" ", jvmOptions())).append("`  \n");
        b.append("Load average before / after: ").append(loadBefore).append(" / ").append(loadAfter).append("  \n");
        b.append("Data: ").append(data).append("  \n");
        b.append("Warm-up: ").append(warmupRecords > 0 ? "an untimed run of everything on " + warmupRecords + " records first" : "none")
                .append("; every phase starts after a System.gc()").append("\n\n");

        b.append("## Targets\n\nStatus from wall-clock ratios; the same ratio on this JVM's CPU time is beside it (less sensitive to other load on the machine).\n\n")
                .append("| target | measured | reference | ratio | limit | status | CPU-time ratio |\n|---|---|---|---|---|---|---|\n");
        for (Target t : targets) {
            b.append("| ").append(t.id()).append(": ").append(t.description()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.reference()).append(" | ").append(t.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", t.ratio()))
                    .append(" | ").append(t.limit()).append(" | **").append(t.status()).append("** | ")
                    .append(t.cpuRatio() == null ? "-" : String.format(Locale.ROOT, "%.2f", t.cpuRatio())).append(" |\n");
        }
        b.append("\n");
        for (Target t : targets) {
            b.append("- ").append(t.id()).append(": ").append(t.note()).append("\n");
        }

        double floor = seconds("floor.ingest");
        double scan = seconds("scan.day");
        b.append("\n## Phases\n\nCPU s: this JVM's CPU time (driver and, in local mode, executors); task CPU s: the part Spark's tasks used, "
                + "so the difference is mostly driver work (planning, code generation, Delta log, JIT, GC).\n\n")
                .append("| phase | seconds | CPU s | task CPU s | Spark jobs / stages / tasks | records | records/s | x floor ingest | x day scan | heap peak MiB | RSS peak MiB |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Phase p : phases) {
            b.append("| ").append(p.name()).append(" | ").append(String.format(Locale.ROOT, "%.2f", p.seconds())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", p.cpuSeconds())).append(" | ")
                    .append(sparkCell(p, "task_cpu_seconds")).append(" | ")
                    .append(sparkCell(p, "jobs")).append(" / ").append(sparkCell(p, "stages")).append(" / ").append(sparkCell(p, "tasks")).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", p.records())).append(" | ")
                    .append(p.records() > 0 ? String.format(Locale.ROOT, "%,.0f", p.recordsPerSecond()) : "-").append(" | ")
                    .append(ratio(p.seconds(), floor)).append(" | ").append(ratio(p.seconds(), scan)).append(" | ")
                    .append(p.heapPeak() >> 20).append(" | ").append(p.rssPeak() >> 20).append(" |\n");
        }
        b.append("\nPeaks of the whole process: heap ").append(processHeapPeak >> 20).append(" MiB, RSS ").append(processRssPeak >> 20)
                .append(" MiB").append(hwmResettable ? "" : " (VmHWM could not be reset per phase: phase RSS peaks are the process peak so far)")
                .append(".\n");

        b.append("\n## Phase details\n\n");
        for (Phase p : phases) {
            if (!p.detail().isEmpty()) {
                b.append("- ").append(p.name()).append(": ").append(p.detail()).append("\n");
            }
        }
        phase("duckdb.stats").ifPresent(p -> {
            double stats = seconds("pipeline.stats");
            Object query = p.detail().get("seconds");
            b.append("\nDuckDB reference (single machine, ").append(p.detail().get("threads")).append(" threads): the stats job took ")
                    .append(fmtS(stats)).append(", DuckDB ").append(fmtS(p.seconds())).append(" as a process (query alone ")
                    .append(query instanceof Number n ? fmtS(n.doubleValue()) : "?").append("): ")
                    .append(ratio(stats, p.seconds())).append(" of DuckDB's time. Same groups: DuckDB ")
                    .append(p.detail().get("rows")).append(" rows / ").append(p.detail().get("num_inferences"))
                    .append(" inferences, product ").append(p.detail().get("product_rows")).append(" rows / ")
                    .append(p.detail().get("product_num_inferences")).append(" inferences.\n");
        });
        return b.toString();
    }

    private Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", records);
        m.put("day", day.toString());
        m.put("command", command);
        m.put("started", started.toString());
        m.put("finished", finished.toString());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_bytes", totalMemory());
        machine.put("java", System.getProperty("java.version"));
        machine.put("max_heap_bytes", MemoryMeter.maxHeapBytes());
        machine.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        machine.put("spark_master", config.spark().master());
        machine.put("shuffle_partitions", config.spark().shufflePartitions());
        machine.put("load_before", loadBefore);
        machine.put("load_after", loadAfter);
        machine.put("jvm_options", jvmOptions());
        m.put("machine", machine);
        m.put("data", data);
        m.put("warmup_records", warmupRecords);
        List<Map<String, Object>> ps = new ArrayList<>();
        for (Phase p : phases) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("seconds", p.seconds());
            pm.put("cpu_seconds", p.cpuSeconds());
            pm.put("records", p.records());
            pm.put("records_per_second", p.recordsPerSecond());
            pm.put("heap_peak_bytes", p.heapPeak());
            pm.put("rss_peak_bytes", p.rssPeak());
            pm.put("detail", p.detail());
            ps.add(pm);
        }
        m.put("phases", ps);
        m.put("process_rss_peak_bytes", processRssPeak);
        m.put("process_heap_peak_bytes", processHeapPeak);
        m.put("targets", targets);
        if (comparedWith != null) {
            m.put("compared_with", comparedWith.getFileName().toString());
        }
        return m;
    }

    private static String sparkCell(Phase p, String key) {
        if (p.detail().get("spark") instanceof Map<?, ?> spark && spark.get(key) instanceof Number n) {
            return n instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : n.toString();
        }
        return "-";
    }

    private static String ratio(double a, double b) {
        return Double.isFinite(a) && Double.isFinite(b) && b > 0 ? String.format(Locale.ROOT, "%.2f", a / b) : "-";
    }

    private static String fmtS(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.2f s", s) : "n/a";
    }

    private static String rate(Optional<Phase> p) {
        return p.map(x -> String.format(Locale.ROOT, "%,.0f records/s", x.recordsPerSecond())).orElse("n/a");
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

}
