package io.monitoring.stats;

import static io.monitoring.model.Columns.EVENT_DATE;
import static io.monitoring.model.Columns.EVENT_TIME;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitoring.io.DeltaChanges;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The UTC days outside a stats run's window that received inferences since the previous run, from
 * the Delta log alone (no data scan): each file ingest added names its {@code event_date}
 * partition, and Delta's per-file statistics give the file's smallest and largest
 * {@code event_time}. A file whose times all lie in the window is the window's own data; any other
 * file makes its whole day stale (late data: the day's stats were computed without it).
 */
public final class LateDays {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LateDays() {}

    /** Late days of the inferences table: files by {@code event_date}, times by {@code event_time}. */
    public static SortedSet<LocalDate> of(Collection<DeltaChanges.AddedFile> added, TimeWindow window) {
        return of(added, window, EVENT_DATE, EVENT_TIME);
    }

    /**
     * The same for any table partitioned by a UTC date whose rows carry a time, e.g. inference_stats
     * ({@code event_date}, {@code window_start}): the days outside the window that the added files changed.
     */
    public static SortedSet<LocalDate> of(Collection<DeltaChanges.AddedFile> added, TimeWindow window, String dateColumn,
            String timeColumn) {
        SortedSet<LocalDate> covered = new TreeSet<>();
        for (TimeWindow day : HourlyWindows.daysTouched(window)) {
            if (!day.start().isBefore(window.start()) && !day.end().isAfter(window.end())) {
                covered.add(LocalDate.ofInstant(day.start(), ZoneOffset.UTC));
            }
        }
        SortedSet<LocalDate> late = new TreeSet<>();
        for (DeltaChanges.AddedFile file : added) {
            String date = file.partitionValues().get(dateColumn);
            if (date == null) {
                continue;
            }
            LocalDate day = LocalDate.parse(date);
            if (!covered.contains(day) && !withinWindow(file.stats(), timeColumn, window)) {
                late.add(day);
            }
        }
        return late;
    }

    /** Whether the file's statistics show every time inside the window; false when they are missing. */
    static boolean withinWindow(String stats, String timeColumn, TimeWindow window) {
        Optional<Instant> min = statistic(stats, "minValues", timeColumn);
        Optional<Instant> max = statistic(stats, "maxValues", timeColumn);
        // Delta keeps timestamps to the millisecond, truncated; whole-hour windows make that exact here
        return min.isPresent() && max.isPresent() && !min.get().isBefore(window.start()) && max.get().isBefore(window.end());
    }

    private static Optional<Instant> statistic(String stats, String which, String timeColumn) {
        if (stats == null) {
            return Optional.empty();
        }
        try {
            JsonNode value = JSON.readTree(stats).path(which).path(timeColumn);
            return value.isTextual() ? Optional.of(OffsetDateTime.parse(value.asText()).toInstant()) : Optional.empty();
        } catch (JsonProcessingException | DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
