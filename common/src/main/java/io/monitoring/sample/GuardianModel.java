package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

import static io.monitoring.sample.LandingJson.*;

/**
 * A model logging Guardian inference records (seed 000): {@code id}, {@code monitor_id},
 * {@code input_data}, {@code prediction} (or {@code error} when the inference failed), {@code latency_ms},
 * {@code metadata} (segment keys, deployment, server and model version), {@code timestamp}. A delayed actual
 * is {@code {id, monitor_id, actual, timestamp}} stamped with its arrival time.
 */
abstract class GuardianModel extends SampleModel {
    /** The failure of the record being written, or null. */
    protected GuardianError failure;

    GuardianModel(String id, ModelKind kind, String modelVersion, double medianLatencyMs, FeatureSet features) {
        super(id, RecordFormat.GUARDIAN, kind, modelVersion, medianLatencyMs, features);
    }

    /** Draws inputs, prediction and ground truth of a record at {@code time}. */
    protected abstract void draw(StreamContext c, long time, boolean drifted, boolean degraded);

    /** Writes the value of {@code prediction}. */
    protected abstract void writePrediction(JsonGenerator g) throws IOException;

    /** Writes the value of {@code actual}. */
    protected abstract void writeActual(JsonGenerator g) throws IOException;

    @Override
    void emit(StreamContext c, long[] times, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            long time = times[i];
            long uid = c.nextId();
            boolean delayed = drawRecord(c, time);
            String recordId = Ids.guardianId(uid);
            writeRecord(c.out.beginLine(1), c, time, recordId, true, null);
            if (delayed) {
                emitActual(c, time, recordId);
            }
            c.out.endLine(time);
            c.counter.inferenceLines++;
        }
    }

    @Override
    void writeFaulty(JsonGenerator g, StreamContext c, long time, BadLineReason fault) throws IOException {
        long uid = c.nextId();
        draw(c, time, false, false);
        failure = null;
        writeRecord(g, c, time, Ids.guardianId(uid), true, fault);
    }

    /**
     * Draws one production record (inputs, prediction, failure) and counts it; returns whether it gets a
     * delayed actual.
     */
    protected final boolean drawRecord(StreamContext c, long time) {
        draw(c, time, c.conditions.drifted(time), c.conditions.degraded(time));
        failure = c.rng.nextDouble() < c.spec.errorShare() ? GuardianError.draw(c.rng) : null;
        c.counter.inferences++;
        if (failure != null) {
            c.counter.errors++;
            return false;
        }
        return c.rng.nextDouble() < c.spec.actualShare();
    }

    /** Writes the delayed actual of the record just drawn (before its inference line ends). */
    protected final void emitActual(StreamContext c, long time, String recordId) throws IOException {
        long arrival = time + c.delays.drawMicros(c.rng);
        JsonGenerator g = c.out.beginActual();
        g.writeStartObject();
        g.writeFieldName(ID);
        g.writeString(recordId);
        g.writeFieldName(MONITOR_ID);
        g.writeString(id);
        g.writeFieldName(ACTUAL);
        writeActual(g);
        g.writeFieldName(TIMESTAMP);
        g.writeString(c.timestamps.chars(), 0, c.timestamps.seconds(arrival));
        g.writeEndObject();
        c.out.endActual(arrival);
        c.counter.delayedActuals++;
    }

    /**
     * Writes the record just drawn.
     *
     * @param recordId      the {@code id}, or null for none
     * @param withMonitorId false inside a batch envelope, which carries the monitor id itself
     */
    protected final void writeRecord(JsonGenerator g, StreamContext c, long time, String recordId,
                                     boolean withMonitorId, BadLineReason fault) throws IOException {
        g.writeStartObject();
        if (recordId != null) {
            g.writeFieldName(ID);
            g.writeString(recordId);
        }
        if (withMonitorId) {
            g.writeFieldName(MONITOR_ID);
            g.writeString(id);
        }
        g.writeFieldName(INPUT_DATA);
        g.writeStartObject();
        writeInputData(g);
        g.writeEndObject();
        long latency = serving.latencyMillis();
        if (failure == null) {
            g.writeFieldName(PREDICTION);
            writePrediction(g);
        } else {
            g.writeFieldName(ERROR);
            g.writeStartObject();
            g.writeFieldName(CODE);
            g.writeString(failure.code);
            g.writeFieldName(MESSAGE);
            g.writeString(failure.message);
            g.writeEndObject();
            latency = failure.latencyMillis(c.rng, latency);
        }
        g.writeFieldName(LATENCY_MS);
        if (fault == BadLineReason.WRONG_TYPE) {
            g.writeString("fast");
        } else {
            g.writeNumber(latency);
        }
        writeMetadata(g);
        g.writeFieldName(TIMESTAMP);
        if (fault == BadLineReason.INVALID_TIMESTAMP) {
            g.writeString("yesterday");
        } else {
            g.writeString(c.timestamps.chars(), 0, c.timestamps.seconds(time));
        }
        g.writeEndObject();
    }

    /** Writes the fields of {@code input_data}: categorical features, then numeric ones. */
    protected void writeInputData(JsonGenerator g) throws IOException {
        writeCategoricalFeatures(g);
        writeNumericFeatures(g, 0);
    }

    protected final void writeCategoricalFeatures(JsonGenerator g) throws IOException {
        for (int j = 0; j < row.category.length; j++) {
            g.writeFieldName(features.categoricalNames[j]);
            g.writeString(features.categoryOf(row, j));
        }
    }

    protected final void writeNumericFeatures(JsonGenerator g, int from) throws IOException {
        for (int i = from; i < row.numeric.length; i++) {
            g.writeFieldName(features.numericNames[i]);
            if (features.numeric.get(i).integer) {
                g.writeNumber((long) row.numeric[i]);
            } else {
                number(g, row.numeric[i], features.numeric.get(i).decimals);
            }
        }
    }

    private void writeMetadata(JsonGenerator g) throws IOException {
        g.writeFieldName(METADATA);
        g.writeStartObject();
        g.writeFieldName(USER_SEGMENT);
        g.writeString(Serving.USER_SEGMENTS[serving.userSegment]);
        g.writeFieldName(REGION);
        g.writeString(Serving.REGIONS[serving.region]);
        g.writeFieldName(PLATFORM);
        g.writeString(Serving.PLATFORMS[serving.platform]);
        g.writeFieldName(DEPLOYMENT_TYPE);
        g.writeString(serving.deploymentType());
        g.writeFieldName(INFERENCE_SERVER_VERSION);
        g.writeString(serving.serverVersion());
        g.writeFieldName(MODEL_VERSION);
        g.writeString(modelVersion);
        g.writeEndObject();
    }
}
