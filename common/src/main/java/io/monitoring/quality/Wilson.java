package io.monitoring.quality;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** 95% Wilson score intervals of proportions (Commons Math), as a Spark column function. */
public final class Wilson {
    public static final double CONFIDENCE = 0.95;
    public static final String LOW = "low";
    public static final String HIGH = "high";
    private static final StructType TYPE = new StructType()
            .add(LOW, DataTypes.DoubleType, true)
            .add(HIGH, DataTypes.DoubleType, true);

    private static final UserDefinedFunction INTERVAL = functions.udf((UDF2<Long, Long, Row>) Wilson::interval, TYPE);

    private Wilson() {}

    /** The interval of {@code successes / trials}; null when there are no trials. */
    public static Row interval(Long trials, Long successes) {
        if (trials == null || successes == null || trials <= 0) {
            return null;
        }
        ConfidenceInterval ci = new WilsonScoreInterval().createInterval(Math.toIntExact(trials), Math.toIntExact(successes), CONFIDENCE);
        return RowFactory.create(ci.getLowerBound(), ci.getUpperBound());
    }

    /** A struct column {low, high}; both arguments are counts (cast to long). */
    public static Column of(Column trials, Column successes) {
        return INTERVAL.apply(trials.cast("long"), successes.cast("long"));
    }
}
