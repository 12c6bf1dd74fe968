package io.monitoring.jobs;

import io.monitoring.config.ConfigLoader;
import io.monitoring.config.MonitoringConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test configs for the quality jobs: paths under one folder, day windows only (half the work). */
final class QualityTestConfigs {
    private QualityTestConfigs() {}

    static MonitoringConfig dayOnly(Path root, Map<String, String> overrides) {
        try {
            Path file = root.resolve("quality-test.conf");
            Files.writeString(file, "monitoring.quality.granularities = [\"day\"]\n");
            Map<String, String> all = new LinkedHashMap<>();
            all.put("paths.root", root.toAbsolutePath().toString());
            all.put("spark.shuffle-partitions", "2");
            all.putAll(overrides);
            return ConfigLoader.load(file.toFile(), all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
