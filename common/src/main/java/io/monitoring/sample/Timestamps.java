package io.monitoring.sample;

import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 UTC timestamps from epoch microseconds, formatted into a reused buffer: the generator writes
 * millions of them, and {@link Instant#toString()} allocates several objects each time. Not thread-safe.
 */
final class Timestamps {
    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_HOUR = 3_600L * MICROS_PER_SECOND;
    static final long MICROS_PER_DAY = 24L * MICROS_PER_HOUR;

    private final char[] buf = new char[32];
    private long cachedDay = Long.MIN_VALUE;

    /** Formats {@code 2026-02-01T10:30:00.208687Z} (Arize style, microseconds) into {@link #chars()}. */
    int micros(long epochMicros) {
        int len = seconds(epochMicros) - 1;
        long frac = Math.floorMod(epochMicros, MICROS_PER_SECOND);
        buf[len++] = '.';
        for (int i = 5; i >= 0; i--) {
            buf[len + i] = (char) ('0' + frac % 10);
            frac /= 10;
        }
        len += 6;
        buf[len++] = 'Z';
        return len;
    }

    /** Formats {@code 2026-02-01T10:30:00Z} (Guardian style, whole seconds) into {@link #chars()}. */
    int seconds(long epochMicros) {
        long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
        if (day != cachedDay) {
            String date = LocalDate.ofEpochDay(day).toString();
            if (date.length() != 10) {
                throw new IllegalArgumentException("year out of range for " + date);
            }
            date.getChars(0, 10, buf, 0);
            buf[10] = 'T';
            cachedDay = day;
        }
        long secondOfDay = Math.floorMod(epochMicros, MICROS_PER_DAY) / MICROS_PER_SECOND;
        two((int) (secondOfDay / 3600), 11);
        buf[13] = ':';
        two((int) (secondOfDay / 60 % 60), 14);
        buf[16] = ':';
        two((int) (secondOfDay % 60), 17);
        buf[19] = 'Z';
        return 20;
    }

    char[] chars() {
        return buf;
    }

    private void two(int value, int at) {
        buf[at] = (char) ('0' + value / 10);
        buf[at + 1] = (char) ('0' + value % 10);
    }

    static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1_000);
    }

    static Instant toInstant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, MICROS_PER_SECOND),
                Math.floorMod(epochMicros, MICROS_PER_SECOND) * 1_000L);
    }
}
