package io.monitoring.jobs.cli;

import io.monitoring.config.MonitoringConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Prints a resolved path setting (paths.landing, paths.warehouse, paths.publish), for scripts. */
@Command(name = "show-config", mixinStandardHelpOptions = true, description = "Print a resolved path setting.")
public final class ShowConfig implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Parameters(paramLabel = "KEY", description = "paths.landing | paths.warehouse | paths.publish")
    String key;

    public static void main(String[] args) {
        JobLauncher.exit(new ShowConfig(), args);
    }

    @Override
    public Integer call() {
        MonitoringConfig.Paths paths = configOptions.load().paths();
        String value = switch (key) {
            case "paths.landing" -> paths.landing();
            case "paths.warehouse" -> paths.warehouse();
            case "paths.publish" -> paths.publish();
            default -> throw new IllegalArgumentException("unknown key " + key);
        };
        System.out.println(value);
        return 0;
    }
}
