package io.monitoring.jobs.cli;

import io.monitoring.config.ConfigLoader;
import io.monitoring.config.MonitoringConfig;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every job shares: where its config comes from and the usual path overrides. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Environment config file (HOCON) layered over the defaults.")
    File configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key (relative to 'monitoring'), e.g. --set ingest.max-age=30d. Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--root", paramLabel = "PATH", description = "One folder/URI for landing, warehouse and published output.")
    String root;

    @Option(names = "--landing", paramLabel = "PATH", description = "Landing root holding inferences/ and actuals/.")
    String landing;

    @Option(names = "--warehouse", paramLabel = "PATH", description = "Root of the Delta tables.")
    String warehouse;

    @Option(names = "--publish", paramLabel = "PATH", description = "Root of the published JSON documents.")
    String publish;

    /** Whether the user named a landing root (then an empty landing is an error, not a reason to generate samples). */
    public boolean landingGiven() {
        return landing != null || overrides.containsKey("paths.landing");
    }

    public MonitoringConfig load() {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        putIfSet(all, "paths.root", root);
        putIfSet(all, "paths.landing", landing);
        putIfSet(all, "paths.warehouse", warehouse);
        putIfSet(all, "paths.publish", publish);
        return ConfigLoader.load(configFile, all);
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
