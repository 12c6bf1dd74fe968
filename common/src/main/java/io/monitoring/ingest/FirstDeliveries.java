package io.monitoring.ingest;

import static io.monitoring.model.Columns.RECORD_INDEX;
import static io.monitoring.model.Columns.SOURCE_FILE;
import static io.monitoring.model.Columns.SOURCE_LINE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * One row per key out of a batch that may hold several deliveries of a record: the first by source
 * position (file, line, index in the line), so which delivery is kept never depends on task timing.
 *
 * <p>Repeats are rare (a file delivered again, a retried export), so the batch is not ranked as a
 * whole, which would shuffle and sort every row by key before the write shuffles them again by
 * date. Given the number of repeated keys (counted with the batch's other figures, moving only
 * the keys):
 * <ul>
 *   <li>no key repeats: the rows go on as they are;</li>
 *   <li>up to {@link #BROADCAST_KEYS} keys repeat: the keys are broadcast from the driver, the
 *       rows of other keys go on as they are and only the deliveries of these keys are ranked;</li>
 *   <li>more repeat: every row is ranked per key.</li>
 * </ul>
 */
public final class FirstDeliveries {
    /** Repeated keys up to which they are collected and broadcast (10 MB at 100 bytes a key). */
    static final long BROADCAST_KEYS = 100_000;

    private static final String RANK = "_delivery_rank";
    private static final String RIGHT = "_repeat_";

    private FirstDeliveries() {}

    /**
     * The first delivery of each key, given how many keys the batch repeats (from its
     * {@link BatchCensus}): none, the rows as they are; up to {@link #BROADCAST_KEYS}, one Spark job
     * collects those keys; more, every row is ranked.
     */
    public static Dataset<Row> keep(Dataset<Row> rows, long repeatedKeys, String... keys) {
        return keep(rows, repeatedKeys, BROADCAST_KEYS, keys);
    }

    static Dataset<Row> keep(Dataset<Row> rows, long repeatedKeys, long broadcastKeys, String... keys) {
        if (repeatedKeys == 0) {
            return rows;
        }
        if (repeatedKeys > broadcastKeys) {
            return firstRanked(rows, keys);
        }
        Dataset<Row> repeated = repeatedKeys(rows, keys);
        Dataset<Row> few = renamed(rows.sparkSession().createDataFrame(repeated.collectAsList(), repeated.schema()));
        Dataset<Row> once = rows.join(broadcast(few), matching(List.of(keys)), "left_anti");
        Dataset<Row> deliveries = rows.join(broadcast(few), matching(List.of(keys)), "left_semi");
        return once.unionByName(firstRanked(deliveries, keys));
    }

    /** The keys delivered more than once. */
    static Dataset<Row> repeatedKeys(Dataset<Row> rows, String... keys) {
        return rows.groupBy(columns(List.of(keys))).count()
                .where(col("count").gt(1)).drop("count");
    }

    private static Dataset<Row> firstRanked(Dataset<Row> rows, String... keys) {
        return rows.withColumn(RANK, row_number().over(Window.partitionBy(columns(List.of(keys)))
                        .orderBy(col(SOURCE_FILE), col(SOURCE_LINE).asc_nulls_first(), col(RECORD_INDEX).asc_nulls_first())))
                .where(col(RANK).equalTo(1))
                .drop(RANK);
    }

    /** The right side of a join, its columns renamed so they never resolve to the left's. */
    private static Dataset<Row> renamed(Dataset<Row> right) {
        return right.select(Arrays.stream(right.columns())
                .map(name -> col(name).as(RIGHT + name)).toArray(Column[]::new));
    }

    /** Equality of every named column with its renamed right-side twin. */
    private static Column matching(List<String> names) {
        Column condition = null;
        for (String name : names) {
            Column equal = col(name).eqNullSafe(col(RIGHT + name));
            condition = condition == null ? equal : condition.and(equal);
        }
        return condition;
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(name -> col(name)).toArray(Column[]::new);
    }
}
