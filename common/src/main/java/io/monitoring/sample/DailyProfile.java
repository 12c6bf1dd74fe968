package io.monitoring.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Traffic seasonality: an hourly profile within a UTC day (peak around 15:00, trough around 03:00) and
 * lighter weekends. Maps a uniform draw in [0, 1) to a time of day, monotonically, so sorted draws give
 * sorted timestamps.
 */
final class DailyProfile {
    private static final double AMPLITUDE = 0.55;
    private static final int PEAK_HOUR = 15;
    private static final double WEEKEND_FACTOR = 0.8;

    private final double[] cumulative = new double[25];
    private final double[] weight = new double[24];

    DailyProfile() {
        double total = 0;
        for (int h = 0; h < 24; h++) {
            weight[h] = 1.0 + AMPLITUDE * Math.cos(2 * Math.PI * (h + 0.5 - PEAK_HOUR) / 24.0);
            total += weight[h];
        }
        for (int h = 0; h < 24; h++) {
            weight[h] /= total;
            cumulative[h + 1] = cumulative[h] + weight[h];
        }
        cumulative[24] = 1.0;
    }

    /** Relative traffic of a calendar day. */
    double dayWeight(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? WEEKEND_FACTOR : 1.0;
    }

    /** Microseconds into the day for a quantile {@code u} in [0, 1); non-decreasing in {@code u}. */
    long offsetMicros(double u) {
        int h = 0;
        while (h < 23 && u >= cumulative[h + 1]) {
            h++;
        }
        double within = (u - cumulative[h]) / weight[h];
        long micros = (long) ((h + Math.min(Math.max(within, 0.0), 1.0)) * Timestamps.MICROS_PER_HOUR);
        return Math.min(micros, Timestamps.MICROS_PER_DAY - 1);
    }
}
