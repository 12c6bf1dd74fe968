package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitoring.model.RejectReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a ground-truth actual of any shape into normalised columns: a label, a numeric value,
 * relevant items with optional graded relevance (ranking), or a set of classes (detection).
 * A scalar number is stored both as value and as label text, so a 0/1 actual serves classifiers.
 */
final class ActualNormalizer {
    private ActualNormalizer() {}

    static void guardian(JsonNode a, RowBuilder row) throws RecordRejected {
        row.set(ACTUAL_JSON, a.toString());
        if (a.isNumber()) {
            row.set(ACTUAL_KIND, PredictionKinds.ACTUAL_NUMERIC);
            row.set(ACTUAL_VALUE, JsonFields.finite(a.asDouble(), "actual"));
            row.set(ACTUAL_LABEL, a.asText());
        } else if (a.isTextual() || a.isBoolean()) {
            row.set(ACTUAL_KIND, PredictionKinds.ACTUAL_LABEL);
            row.set(ACTUAL_LABEL, a.asText());
        } else if (a.isArray()) {
            List<String> values = strings(a, "actual");
            row.set(ACTUAL_KIND, PredictionKinds.ACTUAL_CLASSES);
            row.set(ACTUAL_CLASSES, values);
            row.set(ACTUAL_ITEMS, values);
        } else {
            guardianObject(a, row);
        }
    }

    private static void guardianObject(JsonNode a, RowBuilder row) throws RecordRejected {
        JsonNode items = JsonFields.first(a, "relevant_items", "product_ids", "items", "relevant_ids");
        if (items != null) {
            row.set(ACTUAL_KIND, PredictionKinds.ACTUAL_RANKING);
            List<String> ids = strings(items, "actual.relevant_items");
            row.set(ACTUAL_ITEMS, ids);
            JsonNode relevance = JsonFields.value(a, "relevance");
            if (relevance != null) {
                List<Double> grades = numbers(relevance, "actual.relevance");
                if (grades.size() != ids.size()) {
                    throw new RecordRejected(RejectReason.INVALID_LABEL, "actual has " + ids.size() + " items but " + grades.size() + " relevance grades");
                }
                row.set(ACTUAL_RELEVANCE, grades);
            }
            return;
        }
        JsonNode classes = JsonFields.first(a, "classes", "predictions", "detections");
        if (classes != null) {
            row.set(ACTUAL_KIND, PredictionKinds.ACTUAL_CLASSES);
            row.set(ACTUAL_CLASSES, classNames(classes));
            return;
        }
        JsonNode label = JsonFields.first(a, "label", "class", "category");
        if (label != null && label.isValueNode()) {
            row.set(ACTUAL_KIND, PredictionKinds.ACTUAL_LABEL);
            row.set(ACTUAL_LABEL, label.asText());
            if (label.isNumber()) {
                row.set(ACTUAL_VALUE, JsonFields.finite(label.asDouble(), "actual.label"));
            }
            return;
        }
        JsonNode value = JsonFields.first(a, "value", "numeric");
        if (value != null && value.isNumber()) {
            row.set(ACTUAL_KIND, PredictionKinds.ACTUAL_NUMERIC);
            row.set(ACTUAL_VALUE, JsonFields.finite(value.asDouble(), "actual.value"));
            row.set(ACTUAL_LABEL, value.asText());
            return;
        }
        row.set(ACTUAL_KIND, PredictionKinds.ACTUAL_OTHER);
    }

    /** Arize {@code actual.label}. */
    static void arize(JsonNode label, RowBuilder row) throws RecordRejected {
        ArizeLabel parsed = ArizeLabel.parse(label, "actual.label");
        row.set(ACTUAL_JSON, label.toString());
        if (parsed.numeric() != null) {
            row.set(ACTUAL_KIND, PredictionKinds.ACTUAL_NUMERIC);
            row.set(ACTUAL_VALUE, parsed.numeric());
        } else {
            row.set(ACTUAL_KIND, PredictionKinds.ACTUAL_LABEL);
            row.set(ACTUAL_LABEL, parsed.category());
        }
    }

    private static List<String> strings(JsonNode array, String field) throws RecordRejected {
        if (!array.isArray()) {
            throw new RecordRejected(RejectReason.WRONG_TYPE, field + " must be an array");
        }
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode x : array) {
            if (!x.isValueNode() || x.isNull()) {
                throw new RecordRejected(RejectReason.WRONG_TYPE, field + " must hold strings or numbers");
            }
            out.add(x.asText());
        }
        return out;
    }

    private static List<Double> numbers(JsonNode array, String field) throws RecordRejected {
        if (!array.isArray()) {
            throw new RecordRejected(RejectReason.WRONG_TYPE, field + " must be an array");
        }
        List<Double> out = new ArrayList<>(array.size());
        for (JsonNode x : array) {
            if (!x.isNumber()) {
                throw new RecordRejected(RejectReason.WRONG_TYPE, field + " must hold numbers");
            }
            out.add(JsonFields.finite(x.asDouble(), field));
        }
        return out;
    }

    private static List<String> classNames(JsonNode classes) throws RecordRejected {
        if (!classes.isArray()) {
            throw new RecordRejected(RejectReason.WRONG_TYPE, "actual.classes must be an array");
        }
        List<String> out = new ArrayList<>(classes.size());
        for (JsonNode c : classes) {
            JsonNode name = c.isObject() ? JsonFields.first(c, "class", "class_name", "label") : c;
            if (name == null || !name.isValueNode() || name.isNull()) {
                throw new RecordRejected(RejectReason.INVALID_LABEL, "an actual class has no name");
            }
            out.add(name.asText());
        }
        return out;
    }
}
