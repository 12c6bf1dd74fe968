package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Parsed-record rows into the rows of each ingest table, one row per key ({@link FirstDeliveries}:
 * each call runs one Spark job over the keys to find records delivered more than once).
 */
public final class IngestTransforms {
    private IngestTransforms() {}

    public static Dataset<Row> inferences(Dataset<Row> parsed) {
        return FirstDeliveries.keep(parsed.where(col(INFERENCE).isNotNull()).select(INFERENCE + ".*"), MODEL_ID, INFERENCE_ID);
    }

    public static Dataset<Row> actuals(Dataset<Row> parsed) {
        return FirstDeliveries.keep(parsed.where(col(ACTUAL).isNotNull()).select(ACTUAL + ".*"), ACTUAL_ID);
    }

    public static Dataset<Row> quarantine(Dataset<Row> parsed) {
        return FirstDeliveries.keep(parsed.where(col(QUARANTINE).isNotNull()).select(QUARANTINE + ".*"), QUARANTINE_ID);
    }
}
