package io.monitoring.sample;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SampleLogGenerator} writes: an immutable, validated description of a sample landing log.
 * Equal specs produce byte-identical output. Build one with {@link #builder()} (every field has a default
 * except {@code outputRoot}) or derive one from another with {@link #toBuilder()} or the {@code withX} methods.
 *
 * @param seed                 seed of every random draw
 * @param records              total inference records over all models (production, training and failed ones;
 *                             malformed lines from {@code badShare} come on top)
 * @param start                first day of the window, at 00:00:00Z
 * @param days                 number of UTC days in the window
 * @param outputRoot           Hadoop path or URI of the landing root ({@code file:///...}, {@code s3a://...})
 * @param gzip                 write {@code .jsonl.gz} instead of {@code .jsonl}
 * @param recordsPerFile       records per part file before rolling to the next one
 * @param actualShare          share of production inferences that get a ground-truth actual
 * @param maxActualDelayHours  longest delay between an inference and its actual's arrival
 * @param errorShare           share of Guardian inferences that failed (an {@code error} object, no prediction)
 * @param badShare             extra malformed lines, as a share of {@code records}
 * @param driftFeatures        features whose distribution shifts from {@code driftStart} on
 * @param driftStart           when drift starts (required when {@code driftFeatures} is not empty)
 * @param driftShift           drift size in standard deviations (numeric); tilt towards rare categories
 * @param qualityDropStart     from then on classifiers agree with the actual less often, scores unchanged
 *                             (nullable: no drop)
 * @param numericFeatures      numeric features per model
 * @param categoricalFeatures  categorical features per model
 * @param embeddingDim         length of the ranker's {@code query_embedding}
 * @param overwrite            replace an earlier sample under {@code outputRoot} instead of failing
 */
public record SampleSpec(
        long seed,
        long records,
        Instant start,
        int days,
        String outputRoot,
        boolean gzip,
        int recordsPerFile,
        double actualShare,
        int maxActualDelayHours,
        double errorShare,
        double badShare,
        List<String> driftFeatures,
        Instant driftStart,
        double driftShift,
        Instant qualityDropStart,
        int numericFeatures,
        int categoricalFeatures,
        int embeddingDim,
        boolean overwrite) {

    public static final long DEFAULT_SEED = 42L;
    public static final long DEFAULT_RECORDS = 20_000L;
    public static final Instant DEFAULT_START = Instant.parse("2026-02-01T00:00:00Z");
    public static final int DEFAULT_DAYS = 7;
    public static final int DEFAULT_RECORDS_PER_FILE = 50_000;
    public static final double DEFAULT_ACTUAL_SHARE = 0.6;
    public static final int DEFAULT_MAX_ACTUAL_DELAY_HOURS = 72;
    public static final double DEFAULT_ERROR_SHARE = 0.01;
    public static final double DEFAULT_DRIFT_SHIFT = 2.0;
    public static final int DEFAULT_NUMERIC_FEATURES = 8;
    public static final int DEFAULT_CATEGORICAL_FEATURES = 4;
    public static final int DEFAULT_EMBEDDING_DIM = 8;
    /** Feature counts of the benchmark profile ({@link Builder#benchProfile()}). */
    public static final int BENCH_NUMERIC_FEATURES = 20;
    public static final int BENCH_CATEGORICAL_FEATURES = 10;

    public SampleSpec {
        Objects.requireNonNull(start, "start");
        driftFeatures = List.copyOf(Objects.requireNonNull(driftFeatures, "driftFeatures"));
        if (outputRoot == null || outputRoot.isBlank()) {
            throw new IllegalArgumentException("outputRoot is required");
        }
        require(records >= 0, "records must be >= 0, got " + records);
        require(start.equals(start.truncatedTo(ChronoUnit.DAYS)), "start must be at 00:00:00Z, got " + start);
        require(days >= 1 && days <= 3650, "days must be in [1, 3650], got " + days);
        require(recordsPerFile >= 1, "recordsPerFile must be >= 1, got " + recordsPerFile);
        requireShare("actualShare", actualShare);
        requireShare("errorShare", errorShare);
        requireShare("badShare", badShare);
        require(maxActualDelayHours >= 0 && maxActualDelayHours <= 24 * 365,
                "maxActualDelayHours must be in [0, 8760], got " + maxActualDelayHours);
        require(Double.isFinite(driftShift), "driftShift must be finite");
        require(driftFeatures.isEmpty() || driftStart != null, "driftFeatures need a driftStart");
        require(numericFeatures >= 0 && numericFeatures <= 1000, "numericFeatures must be in [0, 1000]");
        require(categoricalFeatures >= 0 && categoricalFeatures <= 1000, "categoricalFeatures must be in [0, 1000]");
        require(embeddingDim >= 1 && embeddingDim <= 4096, "embeddingDim must be in [1, 4096]");
    }

    /** First instant after the window. */
    public Instant end() {
        return start.plus(days, ChronoUnit.DAYS);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public SampleSpec withOutputRoot(String value) {
        return toBuilder().outputRoot(value).build();
    }

    public SampleSpec withSeed(long value) {
        return toBuilder().seed(value).build();
    }

    public SampleSpec withRecords(long value) {
        return toBuilder().records(value).build();
    }

    private static void requireShare(String name, double value) {
        require(value >= 0.0 && value <= 1.0, name + " must be in [0, 1], got " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Mutable builder; starts from the defaults. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private long records = DEFAULT_RECORDS;
        private Instant start = DEFAULT_START;
        private int days = DEFAULT_DAYS;
        private String outputRoot;
        private boolean gzip = true;
        private int recordsPerFile = DEFAULT_RECORDS_PER_FILE;
        private double actualShare = DEFAULT_ACTUAL_SHARE;
        private int maxActualDelayHours = DEFAULT_MAX_ACTUAL_DELAY_HOURS;
        private double errorShare = DEFAULT_ERROR_SHARE;
        private double badShare;
        private List<String> driftFeatures = List.of();
        private Instant driftStart;
        private double driftShift = DEFAULT_DRIFT_SHIFT;
        private Instant qualityDropStart;
        private int numericFeatures = DEFAULT_NUMERIC_FEATURES;
        private int categoricalFeatures = DEFAULT_CATEGORICAL_FEATURES;
        private int embeddingDim = DEFAULT_EMBEDDING_DIM;
        private boolean overwrite;

        private Builder() {
        }

        private Builder(SampleSpec s) {
            seed = s.seed;
            records = s.records;
            start = s.start;
            days = s.days;
            outputRoot = s.outputRoot;
            gzip = s.gzip;
            recordsPerFile = s.recordsPerFile;
            actualShare = s.actualShare;
            maxActualDelayHours = s.maxActualDelayHours;
            errorShare = s.errorShare;
            badShare = s.badShare;
            driftFeatures = s.driftFeatures;
            driftStart = s.driftStart;
            driftShift = s.driftShift;
            qualityDropStart = s.qualityDropStart;
            numericFeatures = s.numericFeatures;
            categoricalFeatures = s.categoricalFeatures;
            embeddingDim = s.embeddingDim;
            overwrite = s.overwrite;
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder records(long v) { records = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder days(int v) { days = v; return this; }
        public Builder outputRoot(String v) { outputRoot = v; return this; }
        public Builder gzip(boolean v) { gzip = v; return this; }
        public Builder recordsPerFile(int v) { recordsPerFile = v; return this; }
        public Builder actualShare(double v) { actualShare = v; return this; }
        public Builder maxActualDelayHours(int v) { maxActualDelayHours = v; return this; }
        public Builder errorShare(double v) { errorShare = v; return this; }
        public Builder badShare(double v) { badShare = v; return this; }
        public Builder driftFeatures(List<String> v) { driftFeatures = v; return this; }
        public Builder driftStart(Instant v) { driftStart = v; return this; }
        public Builder driftShift(double v) { driftShift = v; return this; }
        public Builder qualityDropStart(Instant v) { qualityDropStart = v; return this; }
        public Builder numericFeatures(int v) { numericFeatures = v; return this; }
        public Builder categoricalFeatures(int v) { categoricalFeatures = v; return this; }
        public Builder embeddingDim(int v) { embeddingDim = v; return this; }
        public Builder overwrite(boolean v) { overwrite = v; return this; }

        /**
         * The benchmark's realistic width: 20 numeric and 10 categorical features per model (the
         * domain features padded with generic ones); the ranker keeps its one embedding.
         */
        public Builder benchProfile() {
            return numericFeatures(BENCH_NUMERIC_FEATURES).categoricalFeatures(BENCH_CATEGORICAL_FEATURES);
        }

        public SampleSpec build() {
            return new SampleSpec(seed, records, start, days, outputRoot, gzip, recordsPerFile, actualShare,
                    maxActualDelayHours, errorShare, badShare, driftFeatures, driftStart, driftShift,
                    qualityDropStart, numericFeatures, categoricalFeatures, embeddingDim, overwrite);
        }
    }
}
