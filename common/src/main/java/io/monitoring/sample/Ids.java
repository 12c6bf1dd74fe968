package io.monitoring.sample;

import java.util.UUID;

/**
 * Deterministic record ids. The (stream, day, sequence) key is packed into 64 bits and scrambled by a
 * bijection, so ids look random but can never collide within one spec.
 */
final class Ids {
    private static final int MAX_STREAMS = 1 << 8;
    private static final int MAX_DAYS = 1 << 16;
    private static final long MAX_SEQUENCE = 1L << 40;

    private final long salt;

    Ids(long seed) {
        this.salt = Seeds.mix64(seed ^ 0x5DEECE66DL);
    }

    /** The unique 64-bit id of the {@code sequence}-th record of a stream on a day. */
    long unique(int stream, int day, long sequence) {
        if (stream < 0 || stream >= MAX_STREAMS || day < 0 || day >= MAX_DAYS
                || sequence < 0 || sequence >= MAX_SEQUENCE) {
            throw new IllegalArgumentException("id key out of range: " + stream + "/" + day + "/" + sequence);
        }
        long key = ((long) stream << 56) | ((long) day << 40) | sequence;
        return Seeds.mix64(key ^ salt);
    }

    /** A Guardian inference id such as {@code inf_3k9x0q1m2b7cd}. */
    static String guardianId(long unique) {
        // Long.toUnsignedString(x, 36) goes through BigInteger for half of all values; split off one digit.
        long quotient = (unique >>> 1) / 18;
        int digit = (int) (unique - quotient * 36);
        return quotient == 0
                ? "inf_" + Character.forDigit(digit, 36)
                : "inf_" + Long.toString(quotient, 36) + Character.forDigit(digit, 36);
    }

    /**
     * An Arize prediction id shaped like a version-4 UUID. All 64 bits of {@code unique} are kept
     * (in the non-fixed bit positions), so distinct inputs give distinct UUIDs.
     */
    static String predictionId(long unique) {
        long filler = Seeds.mix64(unique + 0x2545F4914F6CDD1DL);
        long msb = (unique & 0xFFFF_FFFF_FFFF_0000L) | 0x4000L | ((unique >>> 4) & 0x0FFFL);
        long lsb = 0x8000_0000_0000_0000L | (filler & 0x3FFF_FFFF_FFFF_FFF0L) | (unique & 0xFL);
        return new UUID(msb, lsb).toString();
    }
}
