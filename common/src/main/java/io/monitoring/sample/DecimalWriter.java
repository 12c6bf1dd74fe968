package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes doubles that carry a known number of decimals (every generated value is rounded) as plain JSON
 * numbers such as {@code 80.56}, {@code 160.0} or {@code 0.0001}: a quarter of the generator's time went
 * into general shortest-repr double formatting, which such values do not need. Not thread-safe.
 */
final class DecimalWriter {
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
    private static final double LIMIT = 1e15;

    private final char[] buf = new char[32];

    /** Writes {@code value} rounded to {@code decimals} (0-6) places, keeping at least one decimal. */
    void write(JsonGenerator g, double value, int decimals) throws IOException {
        if (!(Math.abs(value) < LIMIT) || decimals < 0 || decimals >= POWERS.length) {
            g.writeNumber(value);
            return;
        }
        long scaled = Math.round(value * POWERS[decimals]);
        boolean negative = scaled < 0;
        long digits = Math.abs(scaled);
        int end = buf.length;
        int pos = end;
        int fraction = decimals;
        // Drop trailing zeros of the fraction but keep one digit, like 160.0.
        while (fraction > 1 && digits % 10 == 0) {
            digits /= 10;
            fraction--;
        }
        if (fraction == 0) {
            buf[--pos] = '0';
        } else {
            for (int i = 0; i < fraction; i++) {
                buf[--pos] = (char) ('0' + digits % 10);
                digits /= 10;
            }
        }
        buf[--pos] = '.';
        do {
            buf[--pos] = (char) ('0' + digits % 10);
            digits /= 10;
        } while (digits > 0);
        if (negative) {
            buf[--pos] = '-';
        }
        g.writeNumber(buf, pos, end - pos);
    }
}
