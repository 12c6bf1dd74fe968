package io.monitoring.quality;

import io.monitoring.stats.TimeWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Sets of UTC dates: the partitions (event_date, window_date) a run reads and replaces. */
public final class DateSets {
    private DateSets() {}

    /** Every UTC date that overlaps the window. */
    public static SortedSet<LocalDate> daysOf(TimeWindow window) {
        SortedSet<LocalDate> out = new TreeSet<>();
        LocalDate last = window.end().minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate d = window.start().atZone(ZoneOffset.UTC).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }

    /** Whole days covering {@code duration} (rounded up). */
    public static long ceilDays(Duration duration) {
        long days = duration.toDays();
        return duration.equals(Duration.ofDays(days)) ? days : days + 1;
    }

    /** {@code `column` IN (DATE'...', ...)}: a replaceWhere / partition predicate. */
    public static String inPredicate(String column, Collection<LocalDate> dates) {
        if (dates.isEmpty()) {
            return "false";
        }
        return "`" + column + "` IN (" + dates.stream().sorted().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", ")) + ")";
    }

    /** {@code `column` >= DATE'from' AND `column` <= DATE'to'}. */
    public static String betweenPredicate(String column, LocalDate from, LocalDate to) {
        return "`" + column + "` >= DATE'" + from + "' AND `" + column + "` <= DATE'" + to + "'";
    }
}
