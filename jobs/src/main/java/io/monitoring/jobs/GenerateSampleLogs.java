package io.monitoring.jobs;

import io.monitoring.sample.GenerationSummary;
import io.monitoring.sample.ModelCounts;
import io.monitoring.sample.SampleLogGenerator;
import io.monitoring.sample.SampleSpec;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Command line for {@link SampleLogGenerator}: writes a synthetic landing log (five models' inferences in
 * Guardian and Arize formats, delayed actuals by arrival day, {@code _generation.json}) under
 * {@code --output}, a local path or any Hadoop URI such as {@code s3a://bucket/landing}. Options left out
 * take the {@link SampleSpec} defaults. Exit code 0 on success, 2 for invalid arguments, 1 on failure.
 */
@Command(name = "generate-sample-logs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes a deterministic sample landing log: inferences/dt=*/part-*.jsonl[.gz], "
                + "actuals/dt=*/part-*.jsonl[.gz] and _generation.json.")
public final class GenerateSampleLogs implements Callable<Integer> {

    @Option(names = "--output", required = true,
            description = "Landing root: a path or Hadoop URI (file:///..., s3a://bucket/prefix).")
    String output;

    @Option(names = "--seed", description = "Seed of every random draw (default " + SampleSpec.DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--records",
            description = "Inference records over all models (default " + SampleSpec.DEFAULT_RECORDS + ").")
    Long records;

    @Option(names = "--start", converter = InstantConverter.class,
            description = "First day, 2026-02-01 or 2026-02-01T00:00:00Z (default 2026-02-01).")
    Instant start;

    @Option(names = "--days", description = "Days in the window (default " + SampleSpec.DEFAULT_DAYS + ").")
    Integer days;

    @Option(names = "--gzip", negatable = true, description = "Gzip the files (default true; --no-gzip).")
    Boolean gzip;

    @Option(names = "--records-per-file",
            description = "Records per part file (default " + SampleSpec.DEFAULT_RECORDS_PER_FILE + ").")
    Integer recordsPerFile;

    @Option(names = "--actual-share",
            description = "Share of inferences that get an actual (default " + SampleSpec.DEFAULT_ACTUAL_SHARE + ").")
    Double actualShare;

    @Option(names = "--max-actual-delay-hours",
            description = "Longest actual delay (default " + SampleSpec.DEFAULT_MAX_ACTUAL_DELAY_HOURS + ").")
    Integer maxActualDelayHours;

    @Option(names = "--error-share",
            description = "Share of failed Guardian inferences (default " + SampleSpec.DEFAULT_ERROR_SHARE + ").")
    Double errorShare;

    @Option(names = "--bad-share", description = "Extra malformed lines as a share of records (default 0).")
    Double badShare;

    @Option(names = "--drift-features", split = ",", description = "Features that drift, comma-separated.")
    List<String> driftFeatures;

    @Option(names = "--drift-start", converter = InstantConverter.class, description = "When drift starts.")
    Instant driftStart;

    @Option(names = "--drift-shift",
            description = "Drift in standard deviations (default " + SampleSpec.DEFAULT_DRIFT_SHIFT + ").")
    Double driftShift;

    @Option(names = "--quality-drop-start", converter = InstantConverter.class,
            description = "From then on predictions agree with actuals less often.")
    Instant qualityDropStart;

    @Option(names = "--profile", defaultValue = "default",
            description = "default, or bench: 20 numeric and 10 categorical features per model (the benchmark's data); "
                    + "--numeric-features / --categorical-features still override it.")
    String profile;

    @Option(names = "--numeric-features",
            description = "Numeric features per model (default " + SampleSpec.DEFAULT_NUMERIC_FEATURES + ").")
    Integer numericFeatures;

    @Option(names = "--categorical-features",
            description = "Categorical features per model (default " + SampleSpec.DEFAULT_CATEGORICAL_FEATURES + ").")
    Integer categoricalFeatures;

    @Option(names = "--embedding-dim",
            description = "Length of the ranker's query_embedding (default " + SampleSpec.DEFAULT_EMBEDDING_DIM + ").")
    Integer embeddingDim;

    @Option(names = "--overwrite", description = "Replace an existing sample under --output.")
    boolean overwrite;

    @Option(names = {"-D", "--hadoop"}, paramLabel = "KEY=VALUE",
            description = "Hadoop configuration, e.g. -D fs.s3a.endpoint=http://127.0.0.1:9000 (repeatable).")
    Map<String, String> hadoop = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new GenerateSampleLogs())
                .setExecutionExceptionHandler(GenerateSampleLogs::failed)
                .execute(args));
    }

    @Override
    public Integer call() throws IOException {
        SampleSpec spec = spec();
        Configuration conf = new Configuration();
        hadoop.forEach(conf::set);
        long started = System.nanoTime();
        GenerationSummary summary = new SampleLogGenerator(spec, conf).generate();
        print(summary, (System.nanoTime() - started) / 1e9, new PrintWriter(System.out, true));
        return 0;
    }

    /** The spec: SampleSpec defaults, overridden by the options given. */
    SampleSpec spec() {
        SampleSpec.Builder b = SampleSpec.builder().outputRoot(output).overwrite(overwrite);
        switch (profile) {
            case "default" -> { }
            case "bench" -> b.benchProfile();
            default -> throw new IllegalArgumentException("unknown --profile '" + profile + "': default or bench");
        }
        if (seed != null) b.seed(seed);
        if (records != null) b.records(records);
        if (start != null) b.start(start);
        if (days != null) b.days(days);
        if (gzip != null) b.gzip(gzip);
        if (recordsPerFile != null) b.recordsPerFile(recordsPerFile);
        if (actualShare != null) b.actualShare(actualShare);
        if (maxActualDelayHours != null) b.maxActualDelayHours(maxActualDelayHours);
        if (errorShare != null) b.errorShare(errorShare);
        if (badShare != null) b.badShare(badShare);
        if (driftFeatures != null) b.driftFeatures(driftFeatures);
        if (driftStart != null) b.driftStart(driftStart);
        if (driftShift != null) b.driftShift(driftShift);
        if (qualityDropStart != null) b.qualityDropStart(qualityDropStart);
        if (numericFeatures != null) b.numericFeatures(numericFeatures);
        if (categoricalFeatures != null) b.categoricalFeatures(categoricalFeatures);
        if (embeddingDim != null) b.embeddingDim(embeddingDim);
        return b.build();
    }

    private static void print(GenerationSummary s, double seconds, PrintWriter out) {
        out.printf("Wrote %,d inference records (%,d lines, %,d files) and %,d actuals (%,d files) to %s%n",
                s.totalInferences(), s.inferenceLines(), s.inferenceFiles(), s.actualLines(), s.actualFiles(),
                s.spec().outputRoot());
        out.printf("in %.1f s (%,.0f records/s)%n", seconds, s.totalInferences() / Math.max(seconds, 1e-9));
        for (ModelCounts m : s.models()) {
            out.printf("  %-18s %-8s %,10d inferences %,8d errors %,8d training %,8d inline %,10d delayed actuals"
                            + " %,7d envelopes%n",
                    m.modelId(), m.format().id(), m.inferences(), m.errors(), m.trainingRecords(), m.inlineActuals(),
                    m.delayedActuals(), m.batchEnvelopes());
        }
        if (s.totalBadLines() > 0) {
            out.printf("  bad lines %,d: %s%n", s.totalBadLines(), s.badLines());
        }
    }

    private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            cmd.getErr().println("generate-sample-logs: " + e.getMessage());
            return e instanceof IllegalArgumentException
                    ? cmd.getCommandSpec().exitCodeOnInvalidInput()
                    : cmd.getCommandSpec().exitCodeOnExecutionException();
        }
        e.printStackTrace(cmd.getErr());
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    /** Accepts an ISO instant or a date (its midnight UTC). */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.contains("T") ? Instant.parse(value)
                        : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("not a date or ISO instant: " + value);
            }
        }
    }
}
