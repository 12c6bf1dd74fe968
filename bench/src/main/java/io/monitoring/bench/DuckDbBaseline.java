package io.monitoring.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.model.Columns;
import io.monitoring.stats.TimeWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;

/**
 * DuckDB (the npm package {@code @duckdb/node-api}, in {@code bench/duckdb}) running the daily stats
 * aggregation over the Parquet files of the product's {@code inferences} table: the files the Delta
 * log holds for the day's partition, read with {@code read_parquet}. Runs as its own process; the
 * time is the query's own (from the script), the process's peak RSS is reported beside it.
 */
final class DuckDbBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final String node;
    private final Path script;
    private final int threads;

    DuckDbBaseline(SparkSession spark, String node, Path script, int threads) {
        this.spark = spark;
        this.node = node;
        this.script = script;
        this.threads = threads;
    }

    /** The table's active data files of the day's event_date partition, from the Delta log. */
    List<String> dayFiles(String inferencesPath, LocalDate day) {
        String partition = "/" + Columns.EVENT_DATE + "=" + day + "/";
        List<String> out = new ArrayList<>();
        for (String f : spark.read().format("delta").load(inferencesPath).inputFiles()) {
            if (f.contains(partition)) {
                out.add(f.startsWith("file:") ? Path.of(java.net.URI.create(f)).toString() : f);
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    /** Runs the script; the outcome's records are the inferences it aggregated, its detail the script's report. */
    Stopwatch.Outcome run(List<String> files, TimeWindow window, MonitoringConfig config, Path workDir) {
        try {
            Path list = workDir.resolve("duckdb-files.json");
            Files.createDirectories(workDir);
            JSON.writeValue(list.toFile(), files);
            List<String> command = new ArrayList<>(List.of(node, script.toString(),
                    "--files", list.toString(),
                    "--start", window.start().toString(),
                    "--end", window.end().toString(),
                    "--threads", String.valueOf(threads),
                    "--segment-keys", String.join(",", config.segments().keys()),
                    "--max-values-per-key", String.valueOf(config.segments().maxValuesPerKey()),
                    "--other-value", config.segments().otherValue(),
                    "--deployment-keys", String.join(",", config.stats().deploymentTypeKeys()),
                    "--server-version-keys", String.join(",", config.stats().serverVersionKeys())));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                throw new IllegalStateException("duckdb script failed (" + p.exitValue() + "): " + String.join(" ", command));
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            String last = Arrays.stream(text.split("\n")).reduce((a, b) -> b).orElse("{}");
            @SuppressWarnings("unchecked")
            Map<String, Object> report = new LinkedHashMap<>(JSON.readValue(last, Map.class));
            long inferences = ((Number) report.getOrDefault("num_inferences", 0)).longValue();
            return new Stopwatch.Outcome(inferences, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static LocalDate dayOf(TimeWindow window) {
        return LocalDate.ofInstant(window.start(), ZoneOffset.UTC);
    }
}
