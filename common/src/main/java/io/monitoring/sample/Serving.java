package io.monitoring.sample;

import java.util.SplittableRandom;

/**
 * How and for whom one inference was served: the segment keys ({@code user_segment}, {@code region},
 * {@code platform}), deployment type, inference server version (0.16.0 rolls out over the window) and
 * latency (log-normal; edge deployments slower, the newer server a little faster). Reused per record.
 */
final class Serving {
    static final String[] USER_SEGMENTS = {"premium", "standard", "free"};
    private static final double[] USER_SEGMENT_CUM = {0.2, 0.7, 1.0};
    /** Free users are a little riskier / harder, premium ones a little easier. */
    private static final double[] USER_SEGMENT_EFFECT = {-0.25, 0.0, 0.25};
    static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final double[] REGION_CUM = {0.3, 0.55, 0.8, 1.0};
    static final String[] PLATFORMS = {"mobile", "web", "api"};
    private static final double[] PLATFORM_CUM = {0.55, 0.9, 1.0};
    static final String HOSTED = "hosted";
    static final String EDGE = "edge";
    private static final double EDGE_SHARE = 0.12;
    static final String OLD_SERVER = "0.15.3";
    static final String NEW_SERVER = "0.16.0";
    private static final double LATENCY_SIGMA = 0.45;

    int userSegment;
    int region;
    int platform;
    boolean edge;
    boolean newServer;
    double latencyMs;

    /** @param rollout 0 at the window's start, 1 at its end */
    void draw(SplittableRandom rng, double rollout, double medianLatencyMs) {
        userSegment = pick(rng, USER_SEGMENT_CUM);
        region = pick(rng, REGION_CUM);
        platform = pick(rng, PLATFORM_CUM);
        edge = rng.nextDouble() < EDGE_SHARE;
        newServer = rng.nextDouble() < 0.2 + 0.6 * rollout;
        double median = medianLatencyMs * (edge ? 1.6 : 1.0) * (newServer ? 0.85 : 1.0);
        latencyMs = median * Math.exp(LATENCY_SIGMA * rng.nextGaussian());
    }

    double segmentEffect() {
        return USER_SEGMENT_EFFECT[userSegment];
    }

    String deploymentType() {
        return edge ? EDGE : HOSTED;
    }

    String serverVersion() {
        return newServer ? NEW_SERVER : OLD_SERVER;
    }

    /** Whole milliseconds, at least 1, as Guardian clients log them. */
    long latencyMillis() {
        return Math.max(1, Math.round(latencyMs));
    }

    static int pick(SplittableRandom rng, double[] cumulative) {
        double u = rng.nextDouble();
        int i = 0;
        while (i < cumulative.length - 1 && u >= cumulative[i]) {
            i++;
        }
        return i;
    }
}
