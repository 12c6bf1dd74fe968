package io.monitoring.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitoring.model.RejectReason;

/** An Arize label, seed 001: {@code numeric} (a double) or {@code score_categorical} (category, score). */
record ArizeLabel(Double numeric, String category, Double score) {

    static ArizeLabel parse(JsonNode label, String field) throws RecordRejected {
        if (label == null || !label.isObject()) {
            throw new RecordRejected(RejectReason.INVALID_LABEL, field + " must be an object with numeric or score_categorical");
        }
        JsonNode numeric = label.get("numeric");
        if (numeric != null) {
            if (!numeric.isNumber()) {
                throw new RecordRejected(RejectReason.INVALID_LABEL, field + ".numeric must be a number");
            }
            return new ArizeLabel(JsonFields.finite(numeric.asDouble(), field), null, null);
        }
        JsonNode sc = label.get("score_categorical");
        if (sc != null && sc.isObject()) {
            JsonNode inner = sc.has("score_category") ? sc.get("score_category") : sc;
            if (inner != null && inner.isObject()) {
                JsonNode category = inner.get("category");
                JsonNode score = inner.get("score");
                if (category != null && category.isValueNode() && !category.isNull()) {
                    if (score != null && !score.isNull() && !score.isNumber()) {
                        throw new RecordRejected(RejectReason.INVALID_LABEL, field + " score must be a number");
                    }
                    Double s = score == null || score.isNull() ? null : JsonFields.finite(score.asDouble(), field);
                    return new ArizeLabel(null, category.asText(), s);
                }
            }
            JsonNode categorical = sc.get("categorical");
            if (categorical != null && categorical.isValueNode() && !categorical.isNull()) {
                return new ArizeLabel(null, categorical.asText(), null);
            }
        }
        throw new RecordRejected(RejectReason.INVALID_LABEL, field + " must hold numeric or score_categorical{score_category{category, score}}");
    }
}
