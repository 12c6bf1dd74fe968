package io.monitoring.sample;

/** Splits a total into integer parts proportional to weights (largest remainder, ties to the lower index). */
final class VolumePlan {
    private VolumePlan() {
    }

    static long[] split(long total, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            if (w < 0 || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0");
            }
            sum += w;
        }
        long[] parts = new long[weights.length];
        if (total == 0 || sum == 0) {
            return parts;
        }
        double[] remainders = new double[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * (weights[i] / sum);
            parts[i] = (long) Math.floor(exact);
            remainders[i] = exact - parts[i];
            assigned += parts[i];
        }
        for (long left = total - assigned; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = -1;
        }
        return parts;
    }
}
