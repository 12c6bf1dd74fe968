package io.monitoring.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Whole-hour and whole-day windows (UTC) over which the hourly stats are computed and published. */
public final class HourlyWindows {
    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofDays(1);

    private HourlyWindows() {}

    /** The smallest whole-hour window holding this one: start snapped down, end snapped up. */
    public static TimeWindow outward(TimeWindow window) {
        return new TimeWindow(window.start().truncatedTo(ChronoUnit.HOURS), ceilHour(window.end()));
    }

    /** The hours [h, h + 1h) of a whole-hour window, in order. */
    public static List<TimeWindow> hours(TimeWindow window) {
        List<TimeWindow> hours = new ArrayList<>();
        for (Instant h = window.start(); h.isBefore(window.end()); h = h.plus(HOUR)) {
            hours.add(new TimeWindow(h, h.plus(HOUR)));
        }
        return hours;
    }

    /** The UTC days [d, d + 1 day) the window overlaps, in order. */
    public static List<TimeWindow> daysTouched(TimeWindow window) {
        List<TimeWindow> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(window.end().minusNanos(1), ZoneOffset.UTC);
        for (LocalDate d = LocalDate.ofInstant(window.start(), ZoneOffset.UTC); !d.isAfter(last); d = d.plusDays(1)) {
            Instant s = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            days.add(new TimeWindow(s, s.plus(DAY)));
        }
        return days;
    }

    static Instant ceilHour(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(t) ? t : floor.plus(HOUR);
    }
}
