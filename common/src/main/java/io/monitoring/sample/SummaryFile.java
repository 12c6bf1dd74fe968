package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/**
 * Writes {@code _generation.json}: the spec, totals, counts per model and per bad-line reason, and the file
 * list with landing times (which object stores cannot keep as modification times). Leaves out where the
 * sample was written ({@code outputRoot}, {@code overwrite}), so equal specs give identical bytes anywhere.
 */
final class SummaryFile {
    static final String NAME = "_generation.json";

    private SummaryFile() {
    }

    static void write(FileSystem fs, Path root, GenerationSummary summary) throws IOException {
        Path path = new Path(root, NAME);
        try (OutputStream out = fs.create(path, true);
             JsonGenerator g = LandingJson.FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("generator", SampleLogGenerator.class.getName());
            writeSpec(g, summary.spec());
            writeTotals(g, summary);
            g.writeArrayFieldStart("models");
            for (ModelCounts m : summary.models()) {
                writeModel(g, m);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("bad_lines");
            for (Map.Entry<String, Long> e : summary.badLines().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("files");
            for (WrittenFile f : summary.files()) {
                g.writeStartObject();
                g.writeStringField("path", f.path());
                g.writeStringField("kind", f.kind());
                g.writeNumberField("lines", f.lines());
                g.writeNumberField("records", f.records());
                g.writeStringField("landed_at", f.landedAt().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        long latest = summary.files().stream().map(WrittenFile::landedAt).max(Instant::compareTo)
                .orElse(summary.spec().start()).toEpochMilli();
        fs.setTimes(path, latest, latest);
    }

    private static void writeSpec(JsonGenerator g, SampleSpec s) throws IOException {
        g.writeObjectFieldStart("spec");
        g.writeNumberField("seed", s.seed());
        g.writeNumberField("records", s.records());
        g.writeStringField("start", s.start().toString());
        g.writeStringField("end", s.end().toString());
        g.writeNumberField("days", s.days());
        g.writeBooleanField("gzip", s.gzip());
        g.writeNumberField("records_per_file", s.recordsPerFile());
        g.writeNumberField("actual_share", s.actualShare());
        g.writeNumberField("max_actual_delay_hours", s.maxActualDelayHours());
        g.writeNumberField("error_share", s.errorShare());
        g.writeNumberField("bad_share", s.badShare());
        g.writeArrayFieldStart("drift_features");
        for (String f : s.driftFeatures()) {
            g.writeString(f);
        }
        g.writeEndArray();
        instantField(g, "drift_start", s.driftStart());
        g.writeNumberField("drift_shift", s.driftShift());
        instantField(g, "quality_drop_start", s.qualityDropStart());
        g.writeNumberField("numeric_features", s.numericFeatures());
        g.writeNumberField("categorical_features", s.categoricalFeatures());
        g.writeNumberField("embedding_dim", s.embeddingDim());
        g.writeEndObject();
    }

    private static void writeTotals(JsonGenerator g, GenerationSummary s) throws IOException {
        g.writeObjectFieldStart("totals");
        g.writeNumberField("inference_records", s.totalInferences());
        g.writeNumberField("inference_lines", s.inferenceLines());
        g.writeNumberField("inference_files", s.inferenceFiles());
        g.writeNumberField("actual_lines", s.actualLines());
        g.writeNumberField("actual_files", s.actualFiles());
        g.writeNumberField("bad_lines", s.totalBadLines());
        g.writeEndObject();
    }

    private static void writeModel(JsonGenerator g, ModelCounts m) throws IOException {
        g.writeStartObject();
        g.writeStringField("model_id", m.modelId());
        g.writeStringField("format", m.format().id());
        g.writeStringField("kind", m.kind().id());
        g.writeNumberField("inferences", m.inferences());
        g.writeNumberField("errors", m.errors());
        g.writeNumberField("training_records", m.trainingRecords());
        g.writeNumberField("inline_actuals", m.inlineActuals());
        g.writeNumberField("delayed_actuals", m.delayedActuals());
        g.writeNumberField("batch_envelopes", m.batchEnvelopes());
        g.writeNumberField("inference_lines", m.inferenceLines());
        g.writeArrayFieldStart("feature_names");
        for (String f : m.featureNames()) {
            g.writeString(f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void instantField(JsonGenerator g, String name, Instant value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value.toString());
        }
    }
}
