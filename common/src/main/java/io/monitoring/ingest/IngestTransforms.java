package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Pure transformations of parsed-record rows into the rows of each ingest table. */
public final class IngestTransforms {
    private IngestTransforms() {}

    public static Dataset<Row> inferences(Dataset<Row> parsed) {
        return firstPerKey(parsed.where(col(INFERENCE).isNotNull()).select(INFERENCE + ".*"), MODEL_ID, INFERENCE_ID);
    }

    public static Dataset<Row> actuals(Dataset<Row> parsed) {
        return firstPerKey(parsed.where(col(ACTUAL).isNotNull()).select(ACTUAL + ".*"), ACTUAL_ID);
    }

    public static Dataset<Row> quarantine(Dataset<Row> parsed) {
        return firstPerKey(parsed.where(col(QUARANTINE).isNotNull()).select(QUARANTINE + ".*"), QUARANTINE_ID);
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
