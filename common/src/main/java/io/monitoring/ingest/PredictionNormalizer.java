package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitoring.model.RejectReason;
import io.monitoring.model.Schemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Turns a prediction of any shape into the normalised columns by model kind: a label with a score
 * (classifiers), a numeric value (regression), ranked items with scores (the seed-000 shape),
 * detected classes with confidences (the seed-002 detector). The original JSON is always kept.
 */
final class PredictionNormalizer {
    private static final String[] ITEM_FIELDS = {"product_ids", "item_ids", "items", "ranked_items", "document_ids"};
    private static final String[] DETECTION_FIELDS = {"predictions", "detections", "boxes", "objects"};
    private static final String[] LABEL_FIELDS = {"label", "class", "predicted_class", "class_name", "category"};
    private static final String[] SCORE_FIELDS = {"score", "confidence", "probability"};
    private static final String[] CLASS_SCORE_FIELDS = {"probabilities", "class_scores", "scores"};
    private static final String[] VALUE_FIELDS = {"value", "prediction", "predicted_value"};

    private PredictionNormalizer() {}

    static void guardian(JsonNode p, RowBuilder row) throws RecordRejected {
        row.set(PREDICTION_JSON, p == null ? null : p.toString());
        if (p == null) {
            row.set(PREDICTION_KIND, PredictionKinds.NONE);
        } else if (p.isNumber()) {
            row.set(PREDICTION_KIND, PredictionKinds.REGRESSION);
            row.set(PREDICTION_VALUE, JsonFields.finite(p.asDouble(), "prediction"));
        } else if (p.isTextual() || p.isBoolean()) {
            row.set(PREDICTION_KIND, PredictionKinds.CLASSIFICATION);
            row.set(PREDICTION_LABEL, p.asText());
        } else if (p.isArray()) {
            if (p.size() > 0 && p.get(0).isObject()) {
                detections(p, row);
            } else {
                row.set(PREDICTION_KIND, PredictionKinds.OTHER);
            }
        } else {
            guardianObject(p, row);
        }
    }

    private static void guardianObject(JsonNode p, RowBuilder row) throws RecordRejected {
        JsonNode items = JsonFields.first(p, ITEM_FIELDS);
        if (items != null && items.isArray()) {
            ranking(items, p.get("scores"), row);
            return;
        }
        JsonNode boxes = JsonFields.first(p, DETECTION_FIELDS);
        if (boxes != null && boxes.isArray()) {
            detections(boxes, row);
            return;
        }
        JsonNode label = JsonFields.first(p, LABEL_FIELDS);
        JsonNode score = JsonFields.first(p, SCORE_FIELDS);
        Map<String, Double> classScores = classScores(p);
        if (label != null && label.isValueNode()) {
            row.set(PREDICTION_KIND, PredictionKinds.CLASSIFICATION);
            row.set(PREDICTION_LABEL, label.asText());
            Double s = score != null && score.isNumber() ? JsonFields.finite(score.asDouble(), "prediction score") : null;
            if (s == null && classScores != null) {
                s = classScores.get(label.asText());
            }
            row.set(PREDICTION_SCORE, s);
            row.set(PREDICTION_CLASS_SCORES, classScores);
            return;
        }
        if (classScores != null && !classScores.isEmpty()) {
            Map.Entry<String, Double> best = null;
            for (Map.Entry<String, Double> e : classScores.entrySet()) {
                if (best == null || e.getValue() > best.getValue()) {
                    best = e;
                }
            }
            row.set(PREDICTION_KIND, PredictionKinds.CLASSIFICATION);
            row.set(PREDICTION_LABEL, best.getKey());
            row.set(PREDICTION_SCORE, best.getValue());
            row.set(PREDICTION_CLASS_SCORES, classScores);
            return;
        }
        JsonNode value = JsonFields.first(p, VALUE_FIELDS);
        if (value != null && value.isNumber()) {
            row.set(PREDICTION_KIND, PredictionKinds.REGRESSION);
            row.set(PREDICTION_VALUE, JsonFields.finite(value.asDouble(), "prediction value"));
            return;
        }
        row.set(PREDICTION_KIND, PredictionKinds.OTHER);
    }

    private static Map<String, Double> classScores(JsonNode p) throws RecordRejected {
        for (String field : CLASS_SCORE_FIELDS) {
            JsonNode v = p.get(field);
            if (v != null && v.isObject()) {
                Map<String, Double> out = new TreeMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isNumber()) {
                        throw new RecordRejected(RejectReason.WRONG_TYPE, "prediction." + field + " values must be numbers");
                    }
                    out.put(e.getKey(), JsonFields.finite(e.getValue().asDouble(), "prediction." + field));
                }
                return out;
            }
        }
        return null;
    }

    private static void ranking(JsonNode items, JsonNode scores, RowBuilder row) throws RecordRejected {
        List<String> ids = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (!item.isValueNode() || item.isNull()) {
                throw new RecordRejected(RejectReason.WRONG_TYPE, "ranked items must be strings or numbers");
            }
            ids.add(item.asText());
        }
        List<Double> values = null;
        if (scores != null && !scores.isNull()) {
            if (!scores.isArray()) {
                throw new RecordRejected(RejectReason.WRONG_TYPE, "prediction.scores must be an array for a ranking");
            }
            values = new ArrayList<>(scores.size());
            for (JsonNode s : scores) {
                if (!s.isNumber()) {
                    throw new RecordRejected(RejectReason.WRONG_TYPE, "prediction.scores must hold numbers");
                }
                values.add(JsonFields.finite(s.asDouble(), "prediction.scores"));
            }
            if (values.size() != ids.size()) {
                throw new RecordRejected(RejectReason.INVALID_LABEL,
                        "ranking has " + ids.size() + " items but " + values.size() + " scores");
            }
        }
        row.set(PREDICTION_KIND, PredictionKinds.RANKING);
        row.set(PREDICTION_RANKED_ITEMS, ids);
        row.set(PREDICTION_RANKED_SCORES, values);
        if (!ids.isEmpty()) {
            row.set(PREDICTION_LABEL, ids.get(0));
            row.set(PREDICTION_SCORE, values == null ? null : values.get(0));
        }
    }

    private static void detections(JsonNode boxes, RowBuilder row) throws RecordRejected {
        List<Row> out = new ArrayList<>(boxes.size());
        for (JsonNode box : boxes) {
            if (!box.isObject()) {
                throw new RecordRejected(RejectReason.WRONG_TYPE, "each detection must be an object");
            }
            JsonNode cls = JsonFields.first(box, "class", "class_name", "label");
            if (cls == null || !cls.isValueNode()) {
                throw new RecordRejected(RejectReason.INVALID_LABEL, "a detection has no class");
            }
            JsonNode conf = JsonFields.first(box, "confidence", "score");
            if (conf != null && !conf.isNumber()) {
                throw new RecordRejected(RejectReason.WRONG_TYPE, "detection confidence must be a number");
            }
            Double c = conf == null ? null : JsonFields.finite(conf.asDouble(), "detection confidence");
            out.add(new RowBuilder(Schemas.DETECTION).set(DETECTION_CLASS, cls.asText()).set(DETECTION_CONFIDENCE, c).build());
        }
        row.set(PREDICTION_KIND, PredictionKinds.DETECTION);
        row.set(PREDICTION_DETECTIONS, out);
    }

    /** Arize {@code prediction.label}: {@code {numeric: x}} or {@code {score_categorical: ...}}. */
    static void arize(JsonNode label, RowBuilder row) throws RecordRejected {
        row.set(PREDICTION_JSON, label == null ? null : label.toString());
        ArizeLabel parsed = ArizeLabel.parse(label, "prediction.label");
        if (parsed.numeric() != null) {
            row.set(PREDICTION_KIND, PredictionKinds.REGRESSION);
            row.set(PREDICTION_VALUE, parsed.numeric());
        } else {
            row.set(PREDICTION_KIND, PredictionKinds.CLASSIFICATION);
            row.set(PREDICTION_LABEL, parsed.category());
            row.set(PREDICTION_SCORE, parsed.score());
        }
    }
}
