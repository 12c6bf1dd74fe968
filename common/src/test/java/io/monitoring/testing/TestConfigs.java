package io.monitoring.testing;

import io.monitoring.config.ConfigLoader;
import io.monitoring.config.MonitoringConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configs for tests: the shipped defaults with every path under one temporary folder. */
public final class TestConfigs {
    private TestConfigs() {}

    public static MonitoringConfig under(Path root) {
        return under(root, Map.of());
    }

    public static MonitoringConfig under(Path root, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("paths.root", root.toAbsolutePath().toString());
        all.put("spark.shuffle-partitions", "2");
        all.putAll(overrides);
        return ConfigLoader.load(null, all);
    }
}
