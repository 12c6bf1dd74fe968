package io.monitoring.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.monitoring.stats.TimeWindow;
import java.io.File;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link MonitoringConfig} from layers, highest first: command-line overrides
 * ({@code key=value}), an optional environment file (HOCON), system properties, then
 * {@code application.conf} (documented defaults shipped in the jar). Environment variables are
 * reached through {@code ${?VAR}} substitutions in those files; secrets never live in them.
 */
public final class ConfigLoader {
    public static final String ROOT = "monitoring";

    private ConfigLoader() {}

    public static MonitoringConfig load(File environmentFile, Map<String, String> overrides) {
        return fromConfig(resolve(environmentFile, overrides));
    }

    public static MonitoringConfig defaults() {
        return load(null, Map.of());
    }

    static Config resolve(File environmentFile, Map<String, String> overrides) {
        Config layered = overrides(prefixed(overrides));
        if (environmentFile != null) {
            if (!environmentFile.isFile()) {
                throw new IllegalArgumentException("config file not found: " + environmentFile);
            }
            layered = layered.withFallback(ConfigFactory.parseFile(environmentFile));
        }
        return layered
                .withFallback(ConfigFactory.defaultOverrides())
                .withFallback(ConfigFactory.parseResources("application.conf"))
                .resolve();
    }

    /**
     * Command-line values are plain strings, except lists and objects written in HOCON
     * ({@code --set privacy.drop-fields=[user_id,email]}); paths with "//" stay strings.
     */
    private static Config overrides(Map<String, String> values) {
        Config out = ConfigFactory.empty();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue().strip();
            Config one = v.startsWith("[") || v.startsWith("{")
                    ? ConfigFactory.parseString(e.getKey() + " = " + v)
                    : ConfigFactory.parseMap(Map.of(e.getKey(), e.getValue()), "command-line overrides");
            out = one.withFallback(out);
        }
        return out;
    }

    private static Map<String, String> prefixed(Map<String, String> overrides) {
        Map<String, String> out = new LinkedHashMap<>();
        overrides.forEach((k, v) -> out.put(k.startsWith(ROOT + ".") ? k : ROOT + "." + k, v));
        return out;
    }

    static MonitoringConfig fromConfig(Config root) {
        Config c = root.getConfig(ROOT);
        Config paths = c.getConfig("paths");
        Config ingest = c.getConfig("ingest");
        Config models = c.getConfig("models");
        Config segments = c.getConfig("segments");
        Config stats = c.getConfig("stats");
        Config spark = c.getConfig("spark");
        Config catalog = c.getConfig("catalog");
        Config maintenance = c.getConfig("maintenance");
        Config privacy = c.getConfig("privacy");
        return new MonitoringConfig(
                new MonitoringConfig.Paths(
                        trimSlash(paths.getString("landing")),
                        trimSlash(paths.getString("warehouse")),
                        trimSlash(paths.getString("publish"))),
                new MonitoringConfig.Ingest(
                        ingest.getDuration("max-age"),
                        ingest.getDuration("future-tolerance"),
                        ingest.getInt("max-batch-size"),
                        (int) ingest.getBytes("max-line-bytes").longValue(),
                        ingest.getInt("max-raw-chars"),
                        ingest.getInt("max-nesting-depth"),
                        List.copyOf(ingest.getStringList("file-suffixes"))),
                new MonitoringConfig.Models(
                        stringMap(models.getConfig("monitor-to-model")),
                        stringMap(models.getConfig("workspace-of-model")),
                        models.getString("default-workspace"),
                        embeddingDimensions(models.getConfig("embedding-dimensions"))),
                new MonitoringConfig.Segments(
                        List.copyOf(segments.getStringList("keys")),
                        segments.getInt("max-values-per-key"),
                        segments.getString("other-value")),
                new MonitoringConfig.Stats(
                        List.copyOf(stats.getStringList("deployment-type-keys")),
                        List.copyOf(stats.getStringList("server-version-keys"))),
                new MonitoringConfig.SparkSettings(
                        spark.getString("master"),
                        spark.getInt("shuffle-partitions"),
                        stringMap(spark.getConfig("conf"))),
                new MonitoringConfig.Catalog(
                        catalog.getString("database"),
                        catalog.getString("metastore"),
                        catalog.getString("local-derby-dir")),
                new MonitoringConfig.Maintenance(
                        maintenance.getDuration("vacuum-retention"),
                        durationMap(maintenance.getConfig("retention")),
                        maintenance.getBoolean("compact")),
                new MonitoringConfig.Privacy(
                        List.copyOf(privacy.getStringList("drop-fields")),
                        List.copyOf(privacy.getStringList("hash-fields")),
                        privacy.getString("hash-key-env")),
                drift(c.getConfig("drift")),
                QualitySettings.from(c.getConfig("quality")));
    }

    private static MonitoringConfig.Drift drift(Config d) {
        Config t = d.getConfig("thresholds");
        Config windows = d.getConfig("reference.windows");
        Map<String, TimeWindow> referenceWindows = new TreeMap<>();
        for (String model : windows.root().keySet()) {
            Config w = windows.getConfig(ConfigUtil.joinPath(model));
            referenceWindows.put(model, new TimeWindow(Instant.parse(w.getString("start")), Instant.parse(w.getString("end"))));
        }
        return new MonitoringConfig.Drift(
                d.getDuration("window"),
                List.copyOf(d.getStringList("reference.environments")),
                referenceWindows,
                d.getInt("psi-bins"),
                d.getInt("ks-bins"),
                d.getInt("max-categories"),
                d.getInt("percentile-accuracy"),
                d.getDouble("smoothing-epsilon"),
                d.getLong("min-sample-size"),
                d.getDouble("false-discovery-rate"),
                new MonitoringConfig.DriftThresholds(
                        t.getDouble("psi"),
                        t.getDouble("js-distance"),
                        t.getDouble("ks-statistic"),
                        t.getDouble("wasserstein"),
                        t.getDouble("hellinger"),
                        t.getDouble("total-variation"),
                        t.getDouble("l-infinity"),
                        t.getDouble("unseen-share"),
                        t.getDouble("embedding-shift")),
                d.getDouble("severity.medium-ratio"),
                d.getDouble("severity.high-ratio"));
    }

    /** {@code "<model id>" { "<feature>" = <length> }}: model ids and feature names may hold dots. */
    private static Map<String, Map<String, Integer>> embeddingDimensions(Config section) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (String model : section.root().keySet()) {
            Config features = section.getConfig(ConfigUtil.joinPath(model));
            Map<String, Integer> lengths = new TreeMap<>();
            for (String feature : features.root().keySet()) {
                int length = features.getInt(ConfigUtil.joinPath(feature));
                if (length < 1) {
                    throw new IllegalArgumentException("models.embedding-dimensions: " + model + " / " + feature
                            + " must be at least 1, got " + length);
                }
                lengths.put(feature, length);
            }
            out.put(model, Map.copyOf(lengths));
        }
        return Map.copyOf(out);
    }

    /**
     * A config object whose keys may contain dots (Spark settings, model ids) read as a flat map.
     * Keys come back as path expressions (quoted and escaped where needed), so they are split and
     * joined again: a model id with a backslash or a control character stays that id.
     */
    private static Map<String, String> stringMap(Config section) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : section.entrySet()) {
            out.put(String.join(".", ConfigUtil.splitPath(e.getKey())), String.valueOf(e.getValue().unwrapped()));
        }
        return Map.copyOf(out);
    }

    private static Map<String, java.time.Duration> durationMap(Config section) {
        Map<String, java.time.Duration> out = new TreeMap<>();
        for (String key : stringMap(section).keySet()) {
            out.put(key, section.getDuration(key.contains(".") ? "\"" + key + "\"" : key));
        }
        return Map.copyOf(out);
    }

    /** A local path without a scheme is made absolute, so every job and table sees the same folder. */
    private static String trimSlash(String path) {
        String p = path.strip();
        if (!p.contains(":")) {
            p = new java.io.File(p).getAbsolutePath();
        }
        while (p.length() > 1 && p.endsWith("/") && !p.endsWith("://")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
