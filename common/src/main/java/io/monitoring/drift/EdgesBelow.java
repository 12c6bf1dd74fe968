package io.monitoring.drift;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;

/**
 * A numeric value's bin: how many of the ascending {@code edges} are strictly below it, found by
 * binary search. Same answer as {@code size(filter(edges, e -> e < value))}, which Spark evaluates
 * without code generation, one lambda call per edge and per value row: that was most of the drift
 * job's CPU. Comparisons follow Spark SQL's: NaN is above every number, and -0.0 equals 0.0.
 */
public final class EdgesBelow {
    private static final UserDefinedFunction UDF = functions.udf(
            (UDF2<Seq<Object>, Double, Integer>) EdgesBelow::of, DataTypes.IntegerType);

    private EdgesBelow() {}

    /** The bin column of {@code value} against {@code edges} (null when either is null). */
    public static Column of(Column edges, Column value) {
        return UDF.apply(edges, value);
    }

    static Integer of(Seq<Object> edges, Double value) {
        if (edges == null || value == null) {
            return null;
        }
        int low = 0;
        int high = edges.length();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (below((Double) edges.apply(mid), value)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Spark SQL's {@code edge < value}; a null edge is never below. */
    static boolean below(Double edge, double value) {
        if (edge == null) {
            return false;
        }
        if (Double.isNaN(value)) {
            return !edge.isNaN();
        }
        return edge < value;
    }
}
