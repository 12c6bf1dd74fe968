package io.monitoring.sample;

/** Time-dependent conditions of the sample world: drift, quality drop and the server rollout. */
final class Conditions {
    private final long windowStart;
    private final long windowLength;
    private final long driftStart;
    private final long qualityDropStart;

    Conditions(SampleSpec spec) {
        windowStart = Timestamps.toMicros(spec.start());
        windowLength = Timestamps.toMicros(spec.end()) - windowStart;
        driftStart = spec.driftStart() == null || spec.driftFeatures().isEmpty()
                ? Long.MAX_VALUE : Timestamps.toMicros(spec.driftStart());
        qualityDropStart = spec.qualityDropStart() == null ? Long.MAX_VALUE : Timestamps.toMicros(spec.qualityDropStart());
    }

    boolean drifted(long micros) {
        return micros >= driftStart;
    }

    boolean degraded(long micros) {
        return micros >= qualityDropStart;
    }

    double rollout(long micros) {
        return Math.min(1.0, Math.max(0.0, (micros - windowStart) / (double) windowLength));
    }
}
