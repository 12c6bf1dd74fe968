package io.monitoring.sample;

import java.util.SplittableRandom;

/** Why a Guardian inference failed: the {@code error} object of a failed record. */
enum GuardianError {
    TIMEOUT("TIMEOUT", "inference timed out after 30000 ms", 0.4),
    MODEL_ERROR("MODEL_ERROR", "model raised an exception during predict", 0.3),
    INVALID_INPUT("INVALID_INPUT", "input_data failed schema validation", 0.2),
    RESOURCE_EXHAUSTED("RESOURCE_EXHAUSTED", "inference server ran out of memory", 0.1);

    private static final GuardianError[] VALUES = values();

    final String code;
    final String message;
    private final double share;

    GuardianError(String code, String message, double share) {
        this.code = code;
        this.message = message;
        this.share = share;
    }

    static GuardianError draw(SplittableRandom rng) {
        double u = rng.nextDouble();
        for (GuardianError e : VALUES) {
            u -= e.share;
            if (u < 0) {
                return e;
            }
        }
        return VALUES[VALUES.length - 1];
    }

    /** Timeouts take as long as the timeout; other failures take an ordinary latency. */
    long latencyMillis(SplittableRandom rng, long ordinaryMillis) {
        return this == TIMEOUT ? 30_000 + rng.nextInt(50) : ordinaryMillis;
    }
}
