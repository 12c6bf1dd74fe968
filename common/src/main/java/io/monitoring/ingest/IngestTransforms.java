package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Pure transformations of parsed-record rows into the rows of each ingest table, one row per key.
 *
 * <p>Making keys unique ranks every row of a key (a shuffle and sort of whole records), so it is
 * done only for a table whose keys do repeat in the batch: {@link #distinctKeyCounts} counts each
 * table's distinct keys in the same pass as the batch's other counts, and a table whose distinct
 * keys equal its rows has nothing to rank.
 */
public final class IngestTransforms {
    private IngestTransforms() {}

    /** The parsed rows' distinct keys of inferences, actuals and quarantine rows, in that order. */
    public static List<Column> distinctKeyCounts() {
        return List.of(countDistinct(col(INFERENCE + "." + MODEL_ID), col(INFERENCE + "." + INFERENCE_ID)),
                countDistinct(col(ACTUAL + "." + ACTUAL_ID)),
                countDistinct(col(QUARANTINE + "." + QUARANTINE_ID)));
    }

    /** @param keysRepeat whether some key has more than one row (rows != distinct keys; a null key counts as repeating) */
    public static Dataset<Row> inferences(Dataset<Row> parsed, boolean keysRepeat) {
        Dataset<Row> rows = parsed.where(col(INFERENCE).isNotNull()).select(INFERENCE + ".*");
        return keysRepeat ? firstPerKey(rows, MODEL_ID, INFERENCE_ID) : rows;
    }

    /** @param keysRepeat as for {@link #inferences} */
    public static Dataset<Row> actuals(Dataset<Row> parsed, boolean keysRepeat) {
        Dataset<Row> rows = parsed.where(col(ACTUAL).isNotNull()).select(ACTUAL + ".*");
        return keysRepeat ? firstPerKey(rows, ACTUAL_ID) : rows;
    }

    /** @param keysRepeat as for {@link #inferences} */
    public static Dataset<Row> quarantine(Dataset<Row> parsed, boolean keysRepeat) {
        Dataset<Row> rows = parsed.where(col(QUARANTINE).isNotNull()).select(QUARANTINE + ".*");
        return keysRepeat ? firstPerKey(rows, QUARANTINE_ID) : rows;
    }

    /**
     * One row per key: the first by source position, so which of several deliveries of the same
     * record is kept never depends on task timing.
     */
    static Dataset<Row> firstPerKey(Dataset<Row> rows, String... keys) {
        Column[] keyCols = new Column[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keyCols[i] = col(keys[i]);
        }
        String rank = "_rank";
        return rows.withColumn(rank, row_number().over(Window.partitionBy(keyCols)
                        .orderBy(col(SOURCE_FILE), col(SOURCE_LINE).asc_nulls_first(), col(RECORD_INDEX).asc_nulls_first())))
                .where(col(rank).equalTo(1))
                .drop(rank);
    }
}
