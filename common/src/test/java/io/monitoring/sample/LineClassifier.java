package io.monitoring.sample;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-side judge of an inference-file line, written independently of the generator: which
 * {@link BadLineReason} makes it unusable, or null for a good record.
 */
final class LineClassifier {
    private static final Set<String> ARIZE_FEATURE_TYPES = Set.of("double", "string", "int", "embedding");

    private final Instant start;

    LineClassifier(Instant start) {
        this.start = start;
    }

    BadLineReason classify(String line) {
        Object value = LandingReader.tryParse(line);
        if (value == null) {
            return BadLineReason.MALFORMED_JSON;
        }
        if (!(value instanceof Map<?, ?> m)) {
            return BadLineReason.NOT_A_JSON_OBJECT;
        }
        if (m.containsKey("inferences")) {
            return ((List<?>) m.get("inferences")).size() > 1000 ? BadLineReason.BATCH_TOO_LARGE : null;
        }
        if (m.containsKey("prediction_id")) {
            if (!m.containsKey("model_id")) {
                return BadLineReason.MISSING_MODEL_ID;
            }
            if (!m.containsKey("prediction") && !m.containsKey("actual")) {
                return BadLineReason.NO_PREDICTION_OR_ACTUAL;
            }
            Instant ts = instant(LandingReader.at(m, "prediction", "timestamp"));
            if (ts == null) {
                return BadLineReason.INVALID_TIMESTAMP;
            }
            if (ts.isBefore(start.minus(90, ChronoUnit.DAYS))) {
                return BadLineReason.TIMESTAMP_OUT_OF_RANGE;
            }
            for (Object feature : LandingReader.obj(m, "prediction", "features").values()) {
                Map<?, ?> typed = (Map<?, ?>) feature;
                if (typed.size() != 1 || !ARIZE_FEATURE_TYPES.contains(typed.keySet().iterator().next())) {
                    return BadLineReason.INVALID_FEATURE_TYPE;
                }
            }
            return null;
        }
        if (instant(m.get("timestamp")) == null) {
            return BadLineReason.INVALID_TIMESTAMP;
        }
        if (!(m.get("latency_ms") instanceof Number)) {
            return BadLineReason.WRONG_TYPE;
        }
        return null;
    }

    static Instant instant(Object text) {
        if (!(text instanceof String s)) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
