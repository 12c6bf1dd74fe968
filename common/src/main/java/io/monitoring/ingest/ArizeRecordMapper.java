package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitoring.model.RejectReason;
import io.monitoring.model.Schemas;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Maps one Arize {@code /v1/log} record (seed 001) to an inference row, an actual row, or both.
 * {@code model_id} and {@code prediction_id} are required; a record needs a prediction or an actual
 * ("log must include prediction or actual"); features must be typed double|string|int|embedding.
 * An actual-only record (a delayed actual) takes its time from {@code actual.timestamp} or
 * {@code timestamp} when present, else from when its file landed.
 */
final class ArizeRecordMapper {
    static final String FORMAT = "arize";

    private ArizeRecordMapper() {}

    static Row map(JsonNode rec, SourcePosition pos, IngestRules rules) throws RecordRejected {
        String model = JsonFields.id(rec, "model_id");
        if (model == null) {
            throw new RecordRejected(RejectReason.MISSING_MODEL_ID, "model_id is required");
        }
        try {
            return mapForModel(rec, rules.models().modelOfMonitor(model), pos, rules);
        } catch (RecordRejected r) {
            throw r.withModel(model);
        }
    }

    private static Row mapForModel(JsonNode rec, String model, SourcePosition pos, IngestRules rules) throws RecordRejected {
        String id = JsonFields.id(rec, "prediction_id");
        if (id == null) {
            throw new RecordRejected(RejectReason.MISSING_PREDICTION_ID, "prediction_id is required");
        }
        JsonNode prediction = JsonFields.object(rec, "prediction");
        JsonNode actual = JsonFields.object(rec, "actual");
        if (prediction == null && actual == null) {
            throw new RecordRejected(RejectReason.NO_PREDICTION_OR_ACTUAL, "log must include prediction or actual");
        }
        String environment = environment(JsonFields.object(rec, "environment_params"));

        Row inference = null;
        Instant predictionTime = null;
        if (prediction != null) {
            RowBuilder row = new RowBuilder(Schemas.INFERENCE);
            predictionTime = time(JsonFields.first(prediction, "timestamp"), JsonFields.value(rec, "timestamp"), pos, rules,
                    "prediction.timestamp");
            JsonNode label = JsonFields.value(prediction, "label");
            if (label == null) {
                throw new RecordRejected(RejectReason.INVALID_LABEL, "prediction.label is required");
            }
            PredictionNormalizer.arize(label, row);
            Features features = FeatureReader.arize(JsonFields.object(prediction, "features"));
            rules.requireEmbeddingDimensions(model, features);
            Map<String, String> tags = FeatureReader.arizeTags(JsonFields.object(prediction, "tags"));
            rules.personalData().apply(features, tags);
            Double latency = latency(prediction, tags);
            row.set(MODEL_ID, model)
                    .set(INFERENCE_ID, id)
                    .set(MODEL_VERSION, JsonFields.id(prediction, "model_version"))
                    .set(ENVIRONMENT, environment)
                    .set(EVENT_TIME, predictionTime)
                    .set(EVENT_DATE, ParsedRows.utcDate(predictionTime))
                    .set(SOURCE_FORMAT, FORMAT)
                    .set(NUMERIC_FEATURES, features.numeric())
                    .set(CATEGORICAL_FEATURES, features.categorical())
                    .set(EMBEDDING_FEATURES, features.embedding())
                    .set(TAGS, tags)
                    .set(LATENCY_MS, latency)
                    .set(IS_ERROR, false);
            ParsedRows.lineage(row, pos);
            inference = row.build();
        }
        Row actualRow = null;
        if (actual != null) {
            JsonNode label = JsonFields.value(actual, "label");
            if (label == null) {
                throw new RecordRejected(RejectReason.INVALID_LABEL, "actual.label is required");
            }
            Instant actualTime = predictionTime != null
                    ? predictionTime
                    : time(JsonFields.value(actual, "timestamp"), JsonFields.value(rec, "timestamp"), pos, rules, "actual.timestamp");
            RowBuilder row = new RowBuilder(Schemas.ACTUAL);
            ActualNormalizer.arize(label, row);
            row.set(MODEL_ID, model)
                    .set(INFERENCE_ID, id)
                    .set(ACTUAL_ID, RecordIds.of(model, id, actualTime.toString(), label.toString()))
                    .set(ACTUAL_TIME, actualTime)
                    .set(ACTUAL_DATE, ParsedRows.utcDate(actualTime))
                    .set(SOURCE_FORMAT, FORMAT)
                    .set(TAGS, actualTags(JsonFields.object(actual, "tags"), rules));
            ParsedRows.lineage(row, pos);
            actualRow = row.build();
        }
        return ParsedRows.accepted(inference, actualRow);
    }

    private static Instant time(JsonNode own, JsonNode top, SourcePosition pos, IngestRules rules, String field)
            throws RecordRejected {
        if (own != null) {
            return rules.requireInRange(Timestamps.parse(own, field), field, pos.landedAt());
        }
        if (top != null) {
            return rules.requireInRange(Timestamps.parse(top, "timestamp"), "timestamp", pos.landedAt());
        }
        return rules.requireInRange(pos.landedAt(), "landing time", pos.landedAt());
    }

    /** Arize has no latency field: {@code prediction.latency_ms}, else a {@code latency_ms} tag. */
    private static Double latency(JsonNode prediction, Map<String, String> tags) throws RecordRejected {
        Double own = JsonFields.number(prediction, "latency_ms");
        String tagged = tags.get("latency_ms");
        if (own != null || tagged == null) {
            return own;
        }
        try {
            double v = Double.parseDouble(tagged);
            if (!Double.isFinite(v) || v < 0) {
                throw new RecordRejected(RejectReason.INVALID_NUMBER, "latency_ms tag is not a non-negative number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new RecordRejected(RejectReason.WRONG_TYPE, "latency_ms tag is not a number");
        }
    }

    private static Map<String, String> actualTags(JsonNode tagsNode, IngestRules rules) throws RecordRejected {
        Map<String, String> tags = FeatureReader.arizeTags(tagsNode);
        rules.personalData().apply(Features.empty(), tags);
        return tags;
    }

    /** {@code environment_params: {production: {}}} and likewise training / validation. */
    private static String environment(JsonNode params) throws RecordRejected {
        if (params == null || params.size() == 0) {
            return "production";
        }
        String env = params.fieldNames().next();
        if (!env.equals("production") && !env.equals("training") && !env.equals("validation")) {
            throw new RecordRejected(RejectReason.WRONG_TYPE, "environment_params must be production, training or validation, got " + env);
        }
        return env;
    }
}
