package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;

import io.monitoring.ingest.RowBuilder;
import io.monitoring.model.Schemas;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Builds labelled-inference rows for metric tests without going through ingest. */
final class LabeledRows {
    private final List<Row> rows = new ArrayList<>();
    private int next;

    private RowBuilder base(String model, Instant time, String kind, boolean labelled) {
        return new RowBuilder(QualitySchemas.LABELED_INFERENCE)
                .set(MODEL_ID, model)
                .set(INFERENCE_ID, "i" + (next++))
                .set(MODEL_VERSION, "v1")
                .set(ENVIRONMENT, "production")
                .set(EVENT_TIME, time)
                .set(EVENT_DATE, time.atZone(ZoneOffset.UTC).toLocalDate())
                .set(PREDICTION_KIND, kind)
                .set(TAGS, Map.of())
                .set(IS_ERROR, false)
                .set(LANDED_AT, time)
                .set(HAS_ACTUAL, labelled)
                .set(NUM_ACTUALS, labelled ? 1L : 0L)
                .set(ACTUAL_TIME, labelled ? time.plusSeconds(60) : null)
                .set(ACTUAL_ID, labelled ? "a" + next : null)
                .set(LABEL_LAG_SECONDS, labelled ? 60.0 : null);
    }

    LabeledRows classification(String model, Instant time, String predicted, Double score, Map<String, Double> classScores, String actual) {
        return classification(model, time, Map.of(), predicted, score, classScores, actual);
    }

    LabeledRows classification(String model, Instant time, Map<String, String> tags, String predicted, Double score,
            Map<String, Double> classScores, String actual) {
        rows.add(base(model, time, "classification", actual != null).set(TAGS, tags)
                .set(PREDICTION_LABEL, predicted).set(PREDICTION_SCORE, score).set(PREDICTION_CLASS_SCORES, classScores)
                .set(ACTUAL_KIND, actual == null ? null : "label").set(ACTUAL_LABEL, actual).build());
        return this;
    }

    LabeledRows regression(String model, Instant time, double predicted, double actual) {
        rows.add(base(model, time, "regression", true).set(PREDICTION_VALUE, predicted)
                .set(ACTUAL_KIND, "numeric").set(ACTUAL_VALUE, actual).set(ACTUAL_LABEL, Double.toString(actual)).build());
        return this;
    }

    LabeledRows ranking(String model, Instant time, List<String> ranked, List<String> relevant, List<Double> relevance) {
        rows.add(base(model, time, "ranking", true).set(PREDICTION_RANKED_ITEMS, ranked)
                .set(ACTUAL_KIND, "ranking").set(ACTUAL_ITEMS, relevant).set(ACTUAL_RELEVANCE, relevance).build());
        return this;
    }

    LabeledRows detection(String model, Instant time, List<String> predicted, List<String> actual) {
        List<Row> detections = new ArrayList<>();
        for (String c : predicted) {
            detections.add(new RowBuilder(Schemas.DETECTION).set(DETECTION_CLASS, c).set(DETECTION_CONFIDENCE, 0.9).build());
        }
        rows.add(base(model, time, "detection", true).set(PREDICTION_DETECTIONS, detections)
                .set(ACTUAL_KIND, "classes").set(ACTUAL_CLASSES, actual).build());
        return this;
    }

    Dataset<Row> toDataset(SparkSession spark) {
        return spark.createDataFrame(rows, QualitySchemas.LABELED_INFERENCE);
    }
}
