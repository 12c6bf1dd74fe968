package io.monitoring.jobs.cli;

import io.monitoring.stats.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The window a job computes, always from the command line (never the clock), so Airflow retries
 * and backfills recompute the same windows: {@code --date D} is {@code [D, D+1)} in UTC, or
 * {@code --start/--end} as ISO-8601 instants or dates.
 */
public final class WindowOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "One UTC day: [date, date + 1 day).")
    LocalDate date;

    @Option(names = "--start", paramLabel = "INSTANT", description = "Window start (inclusive), ISO-8601 instant or date.")
    String start;

    @Option(names = "--end", paramLabel = "INSTANT", description = "Window end (exclusive), ISO-8601 instant or date.")
    String end;

    public TimeWindow window() {
        if (date != null) {
            if (start != null || end != null) {
                throw new ParameterException(spec.commandLine(), "give --date or --start/--end, not both");
            }
            Instant s = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            return new TimeWindow(s, s.plusSeconds(86_400));
        }
        if (start == null || end == null) {
            throw new ParameterException(spec.commandLine(), "a window is required: --date or both --start and --end");
        }
        try {
            return new TimeWindow(Instants.parse(start), Instants.parse(end));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
