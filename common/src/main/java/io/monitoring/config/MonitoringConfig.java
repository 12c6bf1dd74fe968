package io.monitoring.config;

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

    /** How records map to models and workspaces. */
    public record Models(
            Map<String, String> monitorToModel,
            Map<String, String> workspaceOfModel,
            String defaultWorkspace) implements Serializable {

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

    /** Session settings; {@code master} is used only when spark-submit did not set one. */
    public record SparkSettings(String master, int shufflePartitions, Map<String, String> conf) implements Serializable {}
}
