package io.monitoring.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitoring.model.RejectReason;

/** Typed reads of optional JSON fields: absent or null gives null, a wrong type rejects the record. */
final class JsonFields {
    private JsonFields() {}

    static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    static JsonNode value(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    static String text(JsonNode node, String field) throws RecordRejected {
        JsonNode v = value(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new RecordRejected(RejectReason.WRONG_TYPE, field + " must be a string, got " + v.getNodeType());
        }
        return v.asText();
    }

    /** A string, or a number written as its text (ids are sometimes logged as numbers). */
    static String id(JsonNode node, String field) throws RecordRejected {
        JsonNode v = value(node, field);
        if (v == null) {
            return null;
        }
        if (v.isTextual() || v.isIntegralNumber()) {
            String s = v.asText();
            return s.isBlank() ? null : s;
        }
        throw new RecordRejected(RejectReason.WRONG_TYPE, field + " must be a string, got " + v.getNodeType());
    }

    static Double number(JsonNode node, String field) throws RecordRejected {
        JsonNode v = value(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw new RecordRejected(RejectReason.WRONG_TYPE, field + " must be a number, got " + v.getNodeType());
        }
        return finite(v.asDouble(), field);
    }

    static JsonNode object(JsonNode node, String field) throws RecordRejected {
        JsonNode v = value(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw new RecordRejected(RejectReason.WRONG_TYPE, field + " must be an object, got " + v.getNodeType());
        }
        return v;
    }

    static double finite(double v, String field) throws RecordRejected {
        if (!Double.isFinite(v)) {
            throw new RecordRejected(RejectReason.INVALID_NUMBER, field + " is not a finite number");
        }
        return v;
    }

    /** The first of several alias fields that is present. */
    static JsonNode first(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = value(node, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
