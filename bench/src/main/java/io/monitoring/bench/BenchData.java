package io.monitoring.bench;

import io.monitoring.config.ConfigLoader;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.sample.GenerationSummary;
import io.monitoring.sample.SampleLogGenerator;
import io.monitoring.sample.SampleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * The benchmark's landing logs, written by the product's own generator with the bench profile
 * (20 numeric, 10 categorical features per model, the ranker's embedding, both formats, gzip,
 * segments, delayed actuals): the measured day, and the history days before it for the incremental
 * run. Lists the landing files the way ingest selects them.
 */
final class BenchData {
    /** Prefix of the measured day's files linked into the history landing (theirs may have the same names). */
    static final String DAY_PREFIX = "bench-day-";
    private static final String SUMMARY = "_generation.json";

    private BenchData() {}

    /** The measured day: {@code records} inferences on {@code day}. */
    static SampleSpec daySpec(Path landing, long records, LocalDate day, long seed, double badShare) {
        return SampleSpec.builder().benchProfile()
                .outputRoot(landing.toAbsolutePath().toString())
                .records(records)
                .start(day.atStartOfDay(ZoneOffset.UTC).toInstant())
                .days(1)
                .seed(seed)
                .badShare(badShare)
                .overwrite(true)
                .build();
    }

    /** {@code days} days of {@code perDay} inferences each, ending the day before {@code day}; another seed, so other ids. */
    static SampleSpec historySpec(Path landing, long perDay, int days, LocalDate day, long seed, double badShare) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().minus(days, ChronoUnit.DAYS);
        return SampleSpec.builder().benchProfile()
                .outputRoot(landing.toAbsolutePath().toString())
                .records(perDay * days)
                .start(start)
                .days(days)
                .seed(seed + 1)
                .badShare(badShare)
                .overwrite(true)
                .build();
    }

    /** Writes the spec's landing, or keeps the one there when {@code reuse} and it was finished. */
    static boolean generate(SampleSpec spec, Path landing, boolean reuse) {
        if (reuse && Files.isRegularFile(landing.resolve(SUMMARY))) {
            return false;
        }
        try {
            GenerationSummary summary = new SampleLogGenerator(spec, new Configuration()).generate();
            if (summary.totalInferences() != spec.records()) {
                throw new IllegalStateException("generator wrote " + summary.totalInferences() + " of " + spec.records());
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate " + landing, e);
        }
    }

    /** Landing files as ingest reads them: .jsonl[.gz] etc., names not starting with _ or '.'. */
    static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith("_") && !n.startsWith(".")
                                && (n.endsWith(".jsonl") || n.endsWith(".jsonl.gz") || n.endsWith(".json")
                                || n.endsWith(".json.gz") || n.endsWith(".ndjson") || n.endsWith(".ndjson.gz"));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> allFiles(Path landing) {
        List<Path> out = new ArrayList<>(files(landing.resolve("inferences")));
        out.addAll(files(landing.resolve("actuals")));
        return out;
    }

    /** The files of one day's folders: inferences/dt=DAY and actuals/dt=DAY. */
    static List<Path> dayFiles(Path landing, LocalDate day) {
        List<Path> out = new ArrayList<>(files(landing.resolve("inferences").resolve("dt=" + day)));
        out.addAll(files(landing.resolve("actuals").resolve("dt=" + day)));
        return out;
    }

    static long bytes(List<Path> files) {
        long total = 0;
        for (Path p : files) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    /**
     * Hard-links every landing file of {@code from} into {@code to} at the same relative folder, each
     * name prefixed; a hard link keeps the file's modification time (its landing time) and costs no copy.
     */
    static int link(Path from, Path to, String prefix) {
        int n = 0;
        for (Path file : allFiles(from)) {
            Path rel = from.relativize(file);
            Path target = to.resolve(rel).resolveSibling(prefix + file.getFileName());
            try {
                Files.createDirectories(target.getParent());
                Files.createLink(target, file);
            } catch (FileAlreadyExistsException e) {
                // linked by an earlier step of this run
            } catch (IOException e) {
                throw new UncheckedIOException("cannot link " + file + " to " + target, e);
            }
            n++;
        }
        return n;
    }

    /** The newest landing time (modification time) of the files: ingest's --as-of, as the local runner takes it. */
    static Instant newestLanding(List<Path> files) {
        long newest = 0;
        for (Path p : files) {
            try {
                newest = Math.max(newest, Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Instant.ofEpochMilli(newest);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** The configuration of a profiling tool over a finished bench run's tables: no metastore, the user's overrides on top. */
    static MonitoringConfig tablesConfig(String tables, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("paths.root", tables, "catalog.metastore", "none"));
        all.putAll(overrides);
        return ConfigLoader.load(null, all);
    }
}
