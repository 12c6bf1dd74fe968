package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitoring.model.RejectReason;
import io.monitoring.model.Schemas;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Maps one Guardian record (seed 000) to an inference row, an actual row, or both. The model comes
 * from {@code monitor_id} (record, batch envelope, or a {@code monitor_id=}/{@code model_id=} folder
 * of the landing path) mapped through config. The key is {@code id} when present, else a hash of
 * the record, so re-reading a file never duplicates. An errored inference without a prediction is
 * still an inference; a record with no prediction, no actual and no error is rejected.
 */
final class GuardianRecordMapper {
    private GuardianRecordMapper() {}

    static Row map(JsonNode rec, String envelopeMonitor, SourcePosition pos, IngestRules rules, String format)
            throws RecordRejected {
        String monitor = firstNonNull(JsonFields.id(rec, "monitor_id"), JsonFields.id(rec, "model_id"), envelopeMonitor,
                LandingPaths.monitorOf(pos.file()));
        if (monitor == null) {
            throw new RecordRejected(RejectReason.MISSING_MODEL_ID,
                    "no monitor_id in the record, its batch envelope or its landing path");
        }
        String model = rules.models().modelOfMonitor(monitor);
        try {
            return mapForModel(rec, model, pos, rules, format);
        } catch (RecordRejected r) {
            throw r.withModel(model);
        }
    }

    private static Row mapForModel(JsonNode rec, String model, SourcePosition pos, IngestRules rules, String format)
            throws RecordRejected {
        JsonNode prediction = JsonFields.value(rec, "prediction");
        JsonNode actual = JsonFields.value(rec, "actual");
        JsonNode error = JsonFields.value(rec, "error");
        if (prediction == null && actual == null && error == null) {
            throw new RecordRejected(RejectReason.NO_PREDICTION_OR_ACTUAL, "log must include prediction or actual");
        }
        boolean isInference = prediction != null || error != null;
        String id = firstNonNull(JsonFields.id(rec, "id"), JsonFields.id(rec, "inference_id"), JsonFields.id(rec, "prediction_id"));
        if (id == null) {
            if (!isInference) {
                throw new RecordRejected(RejectReason.MISSING_PREDICTION_ID, "an actual-only record needs the id of its inference");
            }
            id = RecordIds.forRecord(model, rec);
        }
        Instant time = recordTime(rec, pos, rules);
        JsonNode metadata = JsonFields.object(rec, "metadata");
        Map<String, String> tags = FeatureReader.plainTags(metadata);
        Features features = FeatureReader.guardian(JsonFields.object(rec, "input_data"));
        rules.requireEmbeddingDimensions(model, features);
        rules.personalData().apply(features, tags);

        Row inference = null;
        if (isInference) {
            RowBuilder row = new RowBuilder(Schemas.INFERENCE);
            Double latency = JsonFields.number(rec, "latency_ms");
            if (latency != null && latency < 0) {
                throw new RecordRejected(RejectReason.INVALID_NUMBER, "latency_ms is negative");
            }
            PredictionNormalizer.guardian(prediction, row);
            String version = firstNonNull(JsonFields.text(rec, "model_version"), tags.get("model_version"));
            String environment = firstNonNull(JsonFields.text(rec, "environment"), "production");
            row.set(MODEL_ID, model)
                    .set(INFERENCE_ID, id)
                    .set(MODEL_VERSION, version)
                    .set(ENVIRONMENT, environment)
                    .set(EVENT_TIME, time)
                    .set(EVENT_DATE, ParsedRows.utcDate(time))
                    .set(SOURCE_FORMAT, format)
                    .set(NUMERIC_FEATURES, features.numeric())
                    .set(CATEGORICAL_FEATURES, features.categorical())
                    .set(EMBEDDING_FEATURES, features.embedding())
                    .set(TAGS, tags)
                    .set(LATENCY_MS, latency)
                    .set(IS_ERROR, error != null)
                    .set(ERROR_JSON, error == null ? null : error.toString());
            ParsedRows.lineage(row, pos);
            inference = row.build();
        }
        Row actualRow = null;
        if (actual != null) {
            RowBuilder row = new RowBuilder(Schemas.ACTUAL);
            ActualNormalizer.guardian(actual, row);
            row.set(MODEL_ID, model)
                    .set(INFERENCE_ID, id)
                    .set(ACTUAL_ID, RecordIds.of(model, id, time.toString(), actual.toString()))
                    .set(ACTUAL_TIME, time)
                    .set(ACTUAL_DATE, ParsedRows.utcDate(time))
                    .set(SOURCE_FORMAT, format)
                    .set(TAGS, tags);
            ParsedRows.lineage(row, pos);
            actualRow = row.build();
        }
        return ParsedRows.accepted(inference, actualRow);
    }

    /** The record's timestamp, else the time the API logged it, else the time its file landed. */
    private static Instant recordTime(JsonNode rec, SourcePosition pos, IngestRules rules) throws RecordRejected {
        JsonNode ts = JsonFields.value(rec, "timestamp");
        if (ts != null) {
            return rules.requireInRange(Timestamps.parse(ts, "timestamp"), "timestamp", pos.landedAt());
        }
        JsonNode logged = JsonFields.value(rec, "logged_at");
        if (logged != null) {
            return rules.requireInRange(Timestamps.parse(logged, "logged_at"), "logged_at", pos.landedAt());
        }
        return rules.requireInRange(pos.landedAt(), "landing time", pos.landedAt());
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
