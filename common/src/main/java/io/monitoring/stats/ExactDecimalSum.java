package io.monitoring.stats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The exact sum of doubles as Spark sums {@code CAST(value AS DECIMAL(38, scale))}: each value is
 * its shortest decimal text ({@code Double.toString}, as Spark's cast reads it) rounded half up to
 * {@code scale} digits, and a value that does not fit 38 digits counts as null (skipped), as the
 * cast yields in Spark's default, non-ANSI mode. The running sum is a 128-bit integer of units of
 * 10^-scale, so adding is two long additions and the order of the values never changes the result.
 */
final class ExactDecimalSum {
    private static final BigInteger MAX_UNSCALED = BigInteger.TEN.pow(38);

    private final int scale;
    private long high;
    private long low;
    private boolean empty = true;

    ExactDecimalSum(int scale) {
        this.scale = scale;
    }

    /**
     * {@code value} as units of 10^-scale, or null when its decimal needs more than 38 digits.
     * Convert once per value, then {@link #add(BigInteger)} it to each sum it belongs to.
     */
    static BigInteger unscaled(double value, int scale) {
        BigInteger units = new BigDecimal(Double.toString(value)).setScale(scale, RoundingMode.HALF_UP).unscaledValue();
        return units.abs().compareTo(MAX_UNSCALED) >= 0 ? null : units;
    }

    /** Adds a value from {@link #unscaled}; null (a value past 38 digits) is skipped. */
    void add(BigInteger units) {
        if (units == null) {
            return;
        }
        empty = false;
        if (units.bitLength() < 64) {
            addLong(units.longValue());
        } else {
            addWide(units);
        }
    }

    /** The sum at {@code scale}; null when nothing was added or it does not fit 38 digits. */
    BigDecimal value() {
        if (empty) {
            return null;
        }
        BigInteger units = BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
        return units.abs().compareTo(MAX_UNSCALED) >= 0 ? null : new BigDecimal(units, scale);
    }

    private void addLong(long units) {
        addWords(units < 0 ? -1 : 0, units);
    }

    private void addWide(BigInteger units) {
        addWords(units.shiftRight(64).longValue(), units.longValue());
    }

    /** Adds the 128-bit two's complement integer {@code high * 2^64 + unsigned(low)}. */
    private void addWords(long addHigh, long addLow) {
        long sum = low + addLow;
        high += addHigh + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
        low = sum;
    }
}
