package io.monitoring.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.File;
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
        Config layered = ConfigFactory.parseMap(prefixed(overrides), "command-line overrides");
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
                        models.getString("default-workspace")),
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
                QualitySettings.from(c.getConfig("quality")));
    }

    /** A config object whose keys may contain dots (Spark settings, model ids) read as a flat map. */
    private static Map<String, String> stringMap(Config section) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : section.entrySet()) {
            String key = e.getKey();
            if (key.length() > 1 && key.startsWith("\"") && key.endsWith("\"")) {
                key = key.substring(1, key.length() - 1);
            }
            out.put(key, String.valueOf(e.getValue().unwrapped()));
        }
        return Map.copyOf(out);
    }

    private static String trimSlash(String path) {
        String p = path.strip();
        while (p.length() > 1 && p.endsWith("/") && !p.endsWith("://")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
