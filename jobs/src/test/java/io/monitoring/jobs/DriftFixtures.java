package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;

import io.monitoring.ingest.RowBuilder;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.model.Schemas;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Builds rows of the inferences table directly, for drift tests that need controlled distributions. */
final class DriftFixtures {
    private DriftFixtures() {}

    static Row inference(String model, String id, String environment, Instant time, Map<String, Double> numeric,
            Map<String, String> categorical, Map<String, List<Double>> embeddings, Map<String, String> tags,
            String label, Double score) {
        return new RowBuilder(Schemas.INFERENCE)
                .set(MODEL_ID, model)
                .set(INFERENCE_ID, id)
                .set(MODEL_VERSION, "v1")
                .set(ENVIRONMENT, environment)
                .set(EVENT_TIME, time)
                .set(EVENT_DATE, time.atZone(ZoneOffset.UTC).toLocalDate())
                .set(SOURCE_FORMAT, "arize")
                .set(PREDICTION_KIND, "classification")
                .set(PREDICTION_LABEL, label)
                .set(PREDICTION_SCORE, score)
                .set(NUMERIC_FEATURES, numeric)
                .set(CATEGORICAL_FEATURES, categorical)
                .set(EMBEDDING_FEATURES, embeddings)
                .set(TAGS, tags)
                .set(IS_ERROR, false)
                .set(SOURCE_FILE, "fixture")
                .set(SOURCE_LINE, 1L)
                .set(LANDED_AT, time)
                .build();
    }

    static void writeInferences(SparkSession spark, String path, List<Row> rows) {
        DeltaTableWriter.append(spark, path, Schemas.INFERENCE, spark.createDataFrame(rows, Schemas.INFERENCE));
    }
}
