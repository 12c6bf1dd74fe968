package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Parsed-record rows into the rows of each ingest table, one row per key: {@link FirstDeliveries},
 * told by the batch's {@link BatchCensus} how many keys of that kind were delivered twice.
 */
public final class IngestTransforms {
    private IngestTransforms() {}

    public static Dataset<Row> inferences(Dataset<Row> parsed, BatchCensus.Kind census) {
        return firstDeliveries(parsed.where(col(INFERENCE).isNotNull()).select(INFERENCE + ".*"), census, MODEL_ID, INFERENCE_ID);
    }

    public static Dataset<Row> actuals(Dataset<Row> parsed, BatchCensus.Kind census) {
        return firstDeliveries(parsed.where(col(ACTUAL).isNotNull()).select(ACTUAL + ".*"), census, ACTUAL_ID);
    }

    public static Dataset<Row> quarantine(Dataset<Row> parsed, BatchCensus.Kind census) {
        return firstDeliveries(parsed.where(col(QUARANTINE).isNotNull()).select(QUARANTINE + ".*"), census, QUARANTINE_ID);
    }

    private static Dataset<Row> firstDeliveries(Dataset<Row> rows, BatchCensus.Kind census, String... keys) {
        return FirstDeliveries.keep(rows, census.repeatedKeys(), keys);
    }
}
