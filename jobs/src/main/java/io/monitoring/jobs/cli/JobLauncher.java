package io.monitoring.jobs.cli;

import picocli.CommandLine;

/** Runs a job's picocli command: 0 on success, 2 for bad arguments, 1 when the job failed. */
public final class JobLauncher {
    private JobLauncher() {}

    public static int run(Object command, String... args) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    public static void exit(Object command, String... args) {
        System.exit(run(command, args));
    }
}
