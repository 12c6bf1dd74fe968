package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * How one model column's values fall into histogram cells: a numeric value's cell is the number of
 * {@code edges} strictly below it, a categorical value's its 1-based position in {@code categories}
 * (0 = other), an embedding component's its dimension. A column without bins (absent from the
 * baseline that made them) puts every non-null value in {@link DriftColumns#BIN_UNBINNED}; a null
 * value is {@link DriftColumns#BIN_NULL}. Comparisons follow Spark SQL's: NaN is above every number
 * and -0.0 equals 0.0, so the cells are what the SQL expressions over the same values give.
 */
public final class ColumnBins implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The bins of a column the baseline does not have. */
    public static final ColumnBins NONE = new ColumnBins(null, null, null, null);

    private final double[] edges;
    private final List<String> categories;
    private final Double rangeMin;
    private final Double rangeMax;
    private transient Map<UTF8String, Integer> positions;

    ColumnBins(double[] edges, List<String> categories, Double rangeMin, Double rangeMax) {
        this.edges = edges;
        this.categories = categories == null ? null : new ArrayList<>(categories);
        this.rangeMin = rangeMin;
        this.rangeMax = rangeMax;
    }

    public static ColumnBins of(BinSpec spec) {
        return new ColumnBins(spec.edges(), spec.categories(), spec.rangeMin(), spec.rangeMax());
    }

    /** Cells 0 .. cells()-1 the bins define (the number of edges or categories plus one); 0 when they define none. */
    int cells() {
        if (edges != null) {
            return edges.length + 1;
        }
        return categories == null ? 0 : categories.size() + 1;
    }

    /** A non-null numeric value's cell. */
    public int numericBin(double value) {
        return edges == null ? BIN_UNBINNED : edgesBelow(edges, value);
    }

    /** A non-null category's cell. */
    public int categoryBin(UTF8String value) {
        if (categories == null) {
            return BIN_UNBINNED;
        }
        if (positions == null) {
            positions = new HashMap<>();
            for (int i = 0; i < categories.size(); i++) {
                if (categories.get(i) != null) {
                    positions.putIfAbsent(UTF8String.fromString(categories.get(i)), i + 1);
                }
            }
        }
        Integer position = positions.get(value);
        return position == null ? 0 : position;
    }

    /** Whether a non-null value lies outside the baseline's [min, max]. */
    public boolean outOfRange(double value) {
        return rangeMin != null && less(value, rangeMin) || rangeMax != null && less(rangeMax, value);
    }

    /** How many of the ascending {@code edges} are strictly below {@code value} (binary search). */
    static int edgesBelow(double[] edges, double value) {
        int low = 0;
        int high = edges.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (less(edges[mid], value)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Spark SQL's {@code a < b} on doubles. */
    static boolean less(double a, double b) {
        if (Double.isNaN(b)) {
            return !Double.isNaN(a);
        }
        return a < b;
    }
}
