package io.monitoring.testing;

import static io.monitoring.model.Columns.*;

import io.monitoring.ingest.RowBuilder;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.model.Schemas;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Rows of the {@code inferences} table (Schemas.INFERENCE) built in tests, and writing them as Delta. */
public final class Inferences {
    private Inferences() {}

    public static Builder inference(String model, String id, Instant eventTime) {
        return new Builder(model, id, eventTime);
    }

    /** Creates the inferences table (partitioned by event_date) if needed and appends the rows. */
    public static void write(SparkSession spark, String path, List<Row> rows) {
        DeltaTableWriter.ensure(spark, path, Schemas.INFERENCE, EVENT_DATE);
        spark.createDataFrame(rows, Schemas.INFERENCE).write().format("delta").mode("append").save(path);
    }

    public static final class Builder {
        private final String model;
        private final String id;
        private final Instant eventTime;
        private String version = "v1";
        private String environment = "production";
        private String kind = "none";
        private String label;
        private Double score;
        private Double value;
        private List<String> rankedItems;
        private List<Double> rankedScores;
        private List<Row> detections;
        private Double latencyMs;
        private boolean error;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final Map<String, Double> numeric = new LinkedHashMap<>();
        private final Map<String, String> categorical = new LinkedHashMap<>();
        private final Map<String, List<Double>> embeddings = new LinkedHashMap<>();

        private Builder(String model, String id, Instant eventTime) {
            this.model = model;
            this.id = id;
            this.eventTime = eventTime;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public Builder environment(String env) {
            environment = env;
            return this;
        }

        public Builder classification(String l, Double s) {
            kind = "classification";
            label = l;
            score = s;
            return this;
        }

        /** Boxes as alternating class name and confidence (a Double, or null). */
        public Builder detection(Object... classAndConfidence) {
            kind = "detection";
            detections = new ArrayList<>();
            for (int i = 0; i < classAndConfidence.length; i += 2) {
                detections.add(RowFactory.create(classAndConfidence[i], classAndConfidence[i + 1]));
            }
            return this;
        }

        public Builder regression(double v) {
            kind = "regression";
            value = v;
            return this;
        }

        public Builder ranking(List<String> items, List<Double> scores) {
            kind = "ranking";
            rankedItems = items;
            rankedScores = scores;
            label = items.isEmpty() ? null : items.get(0);
            score = scores.isEmpty() ? null : scores.get(0);
            return this;
        }

        public Builder kind(String k) {
            kind = k;
            return this;
        }

        public Builder error() {
            error = true;
            kind = "none";
            return this;
        }

        public Builder latency(Double ms) {
            latencyMs = ms;
            return this;
        }

        public Builder tag(String key, String v) {
            tags.put(key, v);
            return this;
        }

        public Builder numeric(String feature, Double v) {
            numeric.put(feature, v);
            return this;
        }

        public Builder categorical(String feature, String v) {
            categorical.put(feature, v);
            return this;
        }

        public Builder embedding(String feature, List<Double> vector) {
            embeddings.put(feature, vector);
            return this;
        }

        public Row build() {
            return new RowBuilder(Schemas.INFERENCE)
                    .set(MODEL_ID, model)
                    .set(INFERENCE_ID, id)
                    .set(MODEL_VERSION, version)
                    .set(ENVIRONMENT, environment)
                    .set(EVENT_TIME, eventTime)
                    .set(EVENT_DATE, LocalDate.ofInstant(eventTime, ZoneOffset.UTC))
                    .set(SOURCE_FORMAT, "guardian")
                    .set(PREDICTION_KIND, kind)
                    .set(PREDICTION_LABEL, label)
                    .set(PREDICTION_SCORE, score)
                    .set(PREDICTION_VALUE, value)
                    .set(PREDICTION_RANKED_ITEMS, rankedItems)
                    .set(PREDICTION_RANKED_SCORES, rankedScores)
                    .set(PREDICTION_DETECTIONS, detections)
                    .set(NUMERIC_FEATURES, numeric)
                    .set(CATEGORICAL_FEATURES, categorical)
                    .set(EMBEDDING_FEATURES, embeddings)
                    .set(TAGS, tags)
                    .set(LATENCY_MS, latencyMs)
                    .set(IS_ERROR, error)
                    .set(SOURCE_FILE, "test.jsonl")
                    .set(SOURCE_LINE, 1L)
                    .set(LANDED_AT, eventTime)
                    .build();
        }
    }
}
