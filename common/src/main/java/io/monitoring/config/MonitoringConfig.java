package io.monitoring.config;

import io.monitoring.stats.TimeWindow;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole typed configuration of a run, read once from HOCON by {@link ConfigLoader}. Immutable
 * and serializable: executors receive the parts they need inside closures.
 */
public record MonitoringConfig(
        Paths paths,
        Ingest ingest,
        Models models,
        Segments segments,
        Stats stats,
        SparkSettings spark,
        Catalog catalog,
        Maintenance maintenance,
        Privacy privacy,
        Drift drift,
        QualitySettings quality) implements Serializable {

    /** Roots as Hadoop paths or URIs ({@code file:}, {@code s3a:}, or a plain local folder). */
    public record Paths(String landing, String warehouse, String publish) implements Serializable {
        public String landingInferences() {
            return landing + "/inferences";
        }

        public String landingActuals() {
            return landing + "/actuals";
        }

        public String table(String name) {
            return warehouse + "/" + name;
        }
    }

    /** Limits applied to every record read. */
    public record Ingest(
            Duration maxAge,
            Duration futureTolerance,
            int maxBatchSize,
            int maxLineBytes,
            int maxRawChars,
            int maxNestingDepth,
            List<String> fileSuffixes) implements Serializable {}

    /**
     * How records map to models and workspaces, and the embedding dimension of a model's feature
     * (model id -> feature name -> length; a feature not listed is not checked).
     */
    public record Models(
            Map<String, String> monitorToModel,
            Map<String, String> workspaceOfModel,
            String defaultWorkspace,
            Map<String, Map<String, Integer>> embeddingDimensions) implements Serializable {
        public Models {
            embeddingDimensions = Map.copyOf(embeddingDimensions);
        }

        /** The configured length of the model's embedding feature, or null when it is not configured. */
        public Integer embeddingDimension(String modelId, String feature) {
            return embeddingDimensions.getOrDefault(modelId, Map.of()).get(feature);
        }

        public String modelOfMonitor(String monitorId) {
            return monitorToModel.getOrDefault(monitorId, monitorId);
        }

        public String workspaceOf(String modelId) {
            return workspaceOfModel.getOrDefault(modelId, defaultWorkspace);
        }
    }

    /** Segment keys read from metadata/tags, and the cap on distinct values per key. */
    public record Segments(List<String> keys, int maxValuesPerKey, String otherValue) implements Serializable {}

    /** Stats settings: which tags hold the serving facts the stats endpoint reports. */
    public record Stats(List<String> deploymentTypeKeys, List<String> serverVersionKeys) implements Serializable {}

    /**
     * Where tables are registered by name: {@code metastore} is "none" (paths only), "session" (the
     * cluster's own catalog, e.g. a Hive metastore or Glue from spark-submit settings) or
     * "local-derby" (an embedded Derby metastore under {@code localDerbyDir}, for local runs).
     */
    public record Catalog(String database, String metastore, String localDerbyDir) implements Serializable {
        public boolean hive() {
            return !"none".equals(metastore);
        }
    }

    /**
     * Weekly upkeep: files no longer referenced are vacuumed after {@code vacuumRetention}; rows
     * whose time column is older than the table's retention (from the run's --as-of) are deleted.
     */
    public record Maintenance(Duration vacuumRetention, Map<String, Duration> retention, boolean compact) implements Serializable {}

    /**
     * Personal fields of input_data/features and metadata/tags: dropped, or replaced by an HMAC
     * whose key is read from the environment variable {@code hashKeyEnv}; never from config.
     */
    public record Privacy(List<String> dropFields, List<String> hashFields, String hashKeyEnv) implements Serializable {}

    /**
     * Drift settings (the {@code drift} block of application.conf documents every key): window
     * length, reference set, bin counts, smoothing, the minimum sample size, the false discovery
     * rate of the Benjamini-Hochberg adjustment and per-statistic thresholds.
     */
    public record Drift(
            Duration window,
            List<String> referenceEnvironments,
            Map<String, TimeWindow> referenceWindows,
            int psiBins,
            int ksBins,
            int maxCategories,
            int percentileAccuracy,
            double smoothingEpsilon,
            long minSampleSize,
            double falseDiscoveryRate,
            DriftThresholds thresholds,
            double severityMediumRatio,
            double severityHighRatio) implements Serializable {
        public Drift {
            referenceEnvironments = List.copyOf(referenceEnvironments);
            referenceWindows = Map.copyOf(referenceWindows);
            if (psiBins < 2 || ksBins < psiBins || ksBins % psiBins != 0) {
                throw new IllegalArgumentException("drift.ks-bins (" + ksBins + ") must be a multiple of drift.psi-bins ("
                        + psiBins + ") and psi-bins at least 2");
            }
            if (maxCategories < 1 || minSampleSize < 1 || !(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
                throw new IllegalArgumentException("drift.max-categories and drift.min-sample-size must be positive and"
                        + " drift.false-discovery-rate in (0, 1)");
            }
        }
    }

    /** The value at or above which each drift statistic counts as a shift; see the drift block in application.conf. */
    public record DriftThresholds(
            double psi,
            double jsDistance,
            double ksStatistic,
            double wasserstein,
            double hellinger,
            double totalVariation,
            double lInfinity,
            double unseenShare,
            double embeddingShift) implements Serializable {}

    /** Session settings; {@code master} is used only when spark-submit did not set one. */
    public record SparkSettings(String master, int shufflePartitions, Map<String, String> conf) implements Serializable {}
}
