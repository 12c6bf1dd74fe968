package io.monitoring.drift;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.aggregate.ApproximatePercentile;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What one model column's bins are computed from, over the values one partition holds: for a
 * numeric column the quantile digest {@code percentile_approx} keeps (Spark's own, so the edges
 * are the ones it gives) with the min and max, for a categorical column the count per category,
 * for an embedding only that it exists. NaN and null values are left out, as the bins leave them.
 * {@link #result} is what crosses to the driver, where {@link Merged} adds the partitions up.
 */
final class ColumnSketch {
    private final String type;
    private final double relativeError;
    private ApproximatePercentile.PercentileDigest digest;
    private long numbers;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private Map<UTF8String, long[]> categories;

    ColumnSketch(String type, double relativeError) {
        this.type = type;
        this.relativeError = relativeError;
    }

    void number(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (digest == null) {
            digest = new ApproximatePercentile.PercentileDigest(relativeError);
        }
        digest.add(value);
        numbers++;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    void category(UTF8String value) {
        if (categories == null) {
            categories = new HashMap<>();
        }
        long[] count = categories.get(value);
        if (count == null) {
            categories.put(PartitionProfile.copy(value), new long[] {1});
        } else {
            count[0]++;
        }
    }

    Result result(String model, String column) {
        Map<String, Long> counts = new HashMap<>();
        if (categories != null) {
            categories.forEach((k, v) -> counts.put(k.toString(), v[0]));
        }
        byte[] serialized = digest == null ? null : ApproximatePercentile.serializer().serialize(digest);
        return new Result(model, column, type, serialized, numbers, min, max, counts);
    }

    /** One partition's sketch of one column, serializable. */
    record Result(String model, String column, String type, byte[] digest, long numbers, double min, double max,
            Map<String, Long> categoryCounts) implements Serializable {}

    /** The partitions' sketches of one column added up, on the driver. */
    static final class Merged {
        private ApproximatePercentile.PercentileDigest digest;
        private long numbers;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private final Map<String, Long> categoryCounts = new HashMap<>();

        void add(Result r) {
            if (r.digest() != null) {
                ApproximatePercentile.PercentileDigest part = ApproximatePercentile.serializer().deserialize(r.digest());
                if (digest == null) {
                    digest = part;
                } else {
                    digest.merge(part);
                }
            }
            numbers += r.numbers();
            min = Math.min(min, r.min());
            max = Math.max(max, r.max());
            r.categoryCounts().forEach((k, v) -> categoryCounts.merge(k, v, Long::sum));
        }

        long numbers() {
            return numbers;
        }

        double min() {
            return min;
        }

        double max() {
            return max;
        }

        Map<String, Long> categoryCounts() {
            return categoryCounts;
        }

        /** The digest's values at {@code percentages}, as {@code percentile_approx} returns them. */
        double[] percentiles(double[] percentages) {
            scala.collection.Seq<Object> values = digest.getPercentiles(percentages);
            double[] out = new double[values.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (Double) values.apply(i);
            }
            return out;
        }
    }
}
