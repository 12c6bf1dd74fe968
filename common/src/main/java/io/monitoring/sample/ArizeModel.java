package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

import static io.monitoring.sample.LandingJson.*;

/**
 * A model logging Arize {@code /v1/log} records (seed 001): {@code model_id}, {@code prediction_id},
 * {@code prediction{timestamp, model_version, label, features, tags}}, optional inline {@code actual},
 * {@code environment_params}. Delayed actuals are actual-only records without a timestamp.
 */
abstract class ArizeModel extends SampleModel {
    private static final long OUT_OF_RANGE_MICROS = 200L * Timestamps.MICROS_PER_DAY;

    ArizeModel(String id, ModelKind kind, String modelVersion, double medianLatencyMs, FeatureSet features) {
        super(id, RecordFormat.ARIZE, kind, modelVersion, medianLatencyMs, features);
    }

    /** Draws inputs, prediction and ground truth of a record at {@code time}. */
    protected abstract void draw(StreamContext c, long time, boolean drifted, boolean degraded);

    /** Writes the value of {@code prediction.label}. */
    protected abstract void writePredictionLabel(JsonGenerator g) throws IOException;

    /** Writes the value of {@code actual.label}. */
    protected abstract void writeActualLabel(JsonGenerator g) throws IOException;

    /** Share of production records carrying their actual inline (capped by the spec's actual share). */
    protected double inlineActualShare() {
        return 0;
    }

    @Override
    void emit(StreamContext c, long[] times, int count) throws IOException {
        double actualShare = c.spec.actualShare();
        double inlineShare = Math.min(inlineActualShare(), actualShare);
        for (int i = 0; i < count; i++) {
            long time = times[i];
            long uid = c.nextId();
            draw(c, time, c.conditions.drifted(time), c.conditions.degraded(time));
            double u = c.rng.nextDouble();
            boolean inline = u < inlineShare;
            boolean delayed = !inline && u < actualShare;
            writeRecord(c.out.beginLine(1), c, time, uid, false, inline, null);
            if (delayed) {
                long arrival = time + c.delays.drawMicros(c.rng);
                writeActualRecord(c.out.beginActual(), uid);
                c.out.endActual(arrival);
                c.counter.delayedActuals++;
            }
            c.out.endLine(time);
            c.counter.inferences++;
            c.counter.inferenceLines++;
            if (inline) {
                c.counter.inlineActuals++;
            }
        }
    }

    /** A training-environment record (baseline set), always with its actual inline. */
    void emitTraining(StreamContext c, long time) throws IOException {
        long uid = c.nextId();
        draw(c, time, false, false);
        writeRecord(c.out.beginLine(1), c, time, uid, true, true, null);
        c.out.endLine(time);
        c.counter.inferences++;
        c.counter.trainingRecords++;
        c.counter.inferenceLines++;
    }

    @Override
    void writeFaulty(JsonGenerator g, StreamContext c, long time, BadLineReason fault) throws IOException {
        long uid = c.nextId();
        draw(c, time, false, false);
        writeRecord(g, c, time, uid, false, false, fault);
    }

    private void writeRecord(JsonGenerator g, StreamContext c, long time, long uid, boolean training,
                             boolean inlineActual, BadLineReason fault) throws IOException {
        g.writeStartObject();
        if (fault != BadLineReason.MISSING_MODEL_ID) {
            g.writeFieldName(MODEL_ID);
            g.writeString(id);
        }
        g.writeFieldName(PREDICTION_ID);
        g.writeString(Ids.predictionId(uid));
        if (fault != BadLineReason.NO_PREDICTION_OR_ACTUAL) {
            g.writeFieldName(PREDICTION);
            g.writeStartObject();
            g.writeFieldName(TIMESTAMP);
            if (fault == BadLineReason.INVALID_TIMESTAMP) {
                g.writeString("yesterday");
            } else {
                long stamped = fault == BadLineReason.TIMESTAMP_OUT_OF_RANGE ? time - OUT_OF_RANGE_MICROS : time;
                g.writeString(c.timestamps.chars(), 0, c.timestamps.micros(stamped));
            }
            g.writeFieldName(MODEL_VERSION);
            g.writeString(modelVersion);
            g.writeFieldName(LABEL);
            g.writeStartObject();
            writePredictionLabel(g);
            g.writeEndObject();
            writeFeatures(g, fault == BadLineReason.INVALID_FEATURE_TYPE, uid);
            writeTags(g);
            g.writeEndObject();
            if (inlineActual) {
                g.writeFieldName(ACTUAL);
                g.writeStartObject();
                g.writeFieldName(LABEL);
                g.writeStartObject();
                writeActualLabel(g);
                g.writeEndObject();
                g.writeEndObject();
            }
        }
        writeEnvironment(g, training);
        g.writeEndObject();
    }

    private void writeActualRecord(JsonGenerator g, long uid) throws IOException {
        g.writeStartObject();
        g.writeFieldName(MODEL_ID);
        g.writeString(id);
        g.writeFieldName(PREDICTION_ID);
        g.writeString(Ids.predictionId(uid));
        g.writeFieldName(ACTUAL);
        g.writeStartObject();
        g.writeFieldName(LABEL);
        g.writeStartObject();
        writeActualLabel(g);
        g.writeEndObject();
        g.writeEndObject();
        writeEnvironment(g, false);
        g.writeEndObject();
    }

    private void writeFeatures(JsonGenerator g, boolean invalidType, long uid) throws IOException {
        // The broken feature alternates between the first numeric and the first categorical one.
        int brokenNumeric = invalidType && (uid & 1) == 0 && row.numeric.length > 0 ? 0 : -1;
        int brokenCategorical = invalidType && brokenNumeric < 0 ? 0 : -1;
        g.writeFieldName(FEATURES);
        g.writeStartObject();
        for (int i = 0; i < row.numeric.length; i++) {
            g.writeFieldName(features.numericNames[i]);
            g.writeStartObject();
            double v = row.numeric[i];
            if (i == brokenNumeric) {
                g.writeFieldName("float");
                number(g, v, Math.max(1, features.numeric.get(i).decimals));
            } else if (features.numeric.get(i).integer) {
                g.writeFieldName(INT);
                g.writeString(Long.toString((long) v));
            } else {
                g.writeFieldName(DOUBLE);
                number(g, v, features.numeric.get(i).decimals);
            }
            g.writeEndObject();
        }
        for (int j = 0; j < row.category.length; j++) {
            g.writeFieldName(features.categoricalNames[j]);
            g.writeStartObject();
            if (j == brokenCategorical) {
                g.writeFieldName("bool");
                g.writeBoolean(true);
            } else {
                g.writeFieldName(STRING);
                g.writeString(features.categoryOf(row, j));
            }
            g.writeEndObject();
        }
        if (brokenCategorical >= 0 && row.category.length == 0) {
            g.writeFieldName("is_returning_customer");
            g.writeStartObject();
            g.writeFieldName("bool");
            g.writeBoolean(true);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void writeTags(JsonGenerator g) throws IOException {
        g.writeFieldName(TAGS);
        g.writeStartObject();
        typedString(g, USER_SEGMENT, Serving.USER_SEGMENTS[serving.userSegment]);
        typedString(g, REGION, Serving.REGIONS[serving.region]);
        typedString(g, PLATFORM, Serving.PLATFORMS[serving.platform]);
        typedString(g, DEPLOYMENT_TYPE, serving.deploymentType());
        typedString(g, INFERENCE_SERVER_VERSION, serving.serverVersion());
        g.writeFieldName(LATENCY_MS);
        g.writeStartObject();
        g.writeFieldName(DOUBLE);
        number(g, serving.latencyMs, 1);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void typedString(JsonGenerator g, com.fasterxml.jackson.core.SerializableString name,
                                    String value) throws IOException {
        g.writeFieldName(name);
        g.writeStartObject();
        g.writeFieldName(STRING);
        g.writeString(value);
        g.writeEndObject();
    }

    private static void writeEnvironment(JsonGenerator g, boolean training) throws IOException {
        g.writeFieldName(ENVIRONMENT_PARAMS);
        g.writeStartObject();
        g.writeFieldName(training ? TRAINING : PRODUCTION);
        g.writeStartObject();
        g.writeEndObject();
        g.writeEndObject();
    }
}
