package io.monitoring.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitoring.model.RejectReason;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Record timestamps: ISO-8601 strings (with Z, an offset, or none meaning UTC; a space may stand
 * for the 'T'), or epoch numbers (seconds below 1e11, milliseconds above).
 */
public final class Timestamps {
    private static final double MILLIS_THRESHOLD = 1e11;

    private Timestamps() {}

    public static Instant parse(JsonNode node, String field) throws RecordRejected {
        if (node.isNumber()) {
            double v = node.asDouble();
            if (!Double.isFinite(v) || Math.abs(v) > 1e15) {
                throw new RecordRejected(RejectReason.INVALID_TIMESTAMP, field + " is not a usable epoch time: " + node);
            }
            long millis = Math.abs(v) < MILLIS_THRESHOLD ? Math.round(v * 1000d) : Math.round(v);
            return Instant.ofEpochMilli(millis);
        }
        if (!node.isTextual()) {
            throw new RecordRejected(RejectReason.INVALID_TIMESTAMP, field + " must be an ISO-8601 string or epoch number, got " + node.getNodeType());
        }
        return parseText(node.asText(), field);
    }

    static Instant parseText(String raw, String field) throws RecordRejected {
        String text = raw.strip();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        try {
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.substring(0, text.length() - 1) + "Z");
            }
            if (hasOffset(text)) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new RecordRejected(RejectReason.INVALID_TIMESTAMP, field + " is not ISO-8601: " + abbreviate(raw));
        }
    }

    private static boolean hasOffset(String text) {
        int t = text.indexOf('T');
        if (t < 0) {
            return false;
        }
        String time = text.substring(t);
        return time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
