package io.monitoring.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitoring.model.RejectReason;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Recognises one JSON line as a Guardian record, a Guardian batch envelope or an Arize record and
 * maps it; every record read yields exactly one row: accepted or quarantined.
 */
public final class RecordRouter {
    static final String GUARDIAN = "guardian";
    static final String GUARDIAN_BATCH = "guardian_batch";

    private final IngestRules rules;
    private final StrictJsonParser parser;

    public RecordRouter(IngestRules rules) {
        this.rules = rules;
        this.parser = new StrictJsonParser(rules.limits().maxNestingDepth());
    }

    /** The rows of one line: one, or one per record of a batch envelope. */
    public List<Row> route(byte[] line, long totalBytes, SourcePosition pos) {
        JsonNode node;
        try {
            node = parser.parse(line);
        } catch (RecordRejected r) {
            return List.of(reject(r, pos, line, totalBytes));
        }
        try {
            if (!node.isObject()) {
                throw new RecordRejected(RejectReason.NOT_A_JSON_OBJECT, "a line must hold a JSON object, got " + node.getNodeType());
            }
            if (node.has("inferences")) {
                return batch(node, pos, line, totalBytes);
            }
            parser.requireFinite(node);
            return List.of(single(node, pos, GUARDIAN, null));
        } catch (RecordRejected r) {
            return List.of(reject(r, pos, line, totalBytes));
        }
    }

    private List<Row> batch(JsonNode envelope, SourcePosition pos, byte[] line, long totalBytes) throws RecordRejected {
        JsonNode records = envelope.get("inferences");
        if (!records.isArray()) {
            throw new RecordRejected(RejectReason.WRONG_TYPE, "inferences must be an array");
        }
        String monitor = JsonFields.id(envelope, "monitor_id");
        if (records.size() > rules.limits().maxBatchSize()) {
            throw new RecordRejected(RejectReason.BATCH_TOO_LARGE, "batch envelope holds " + records.size()
                    + " records; at most " + rules.limits().maxBatchSize() + " are accepted", monitor);
        }
        if (records.size() == 0) {
            throw new RecordRejected(RejectReason.EMPTY_BATCH, "batch envelope holds no records", monitor);
        }
        List<Row> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode rec = records.get(i);
            SourcePosition at = pos.inBatch(i);
            try {
                if (!rec.isObject()) {
                    throw new RecordRejected(RejectReason.NOT_A_JSON_OBJECT, "batch record " + i + " is not a JSON object", monitor);
                }
                parser.requireFinite(rec);
                out.add(GuardianRecordMapper.map(rec, monitor, at, rules, GUARDIAN_BATCH));
            } catch (RecordRejected r) {
                String raw = rules.personalData().redact(rec).toString();
                out.add(ParsedRows.rejected(r, at, raw, raw.length(), rules.limits().maxRawChars()));
            }
        }
        return out;
    }

    private Row single(JsonNode rec, SourcePosition pos, String format, String monitor) throws RecordRejected {
        if (looksArize(rec)) {
            return ArizeRecordMapper.map(rec, pos, rules);
        }
        if (!looksGuardian(rec)) {
            throw new RecordRejected(RejectReason.UNRECOGNIZED_RECORD,
                    "neither a Guardian record, a Guardian batch envelope nor an Arize record");
        }
        return GuardianRecordMapper.map(rec, monitor, pos, rules, format);
    }

    /** Arize's markers: prediction_id, environment_params, or a typed label object. */
    static boolean looksArize(JsonNode rec) {
        if (rec.has("prediction_id") || rec.has("environment_params")) {
            return true;
        }
        JsonNode p = rec.get("prediction");
        JsonNode a = rec.get("actual");
        return (p != null && p.isObject() && (p.path("label").isObject() || p.path("features").isObject()))
                || (a != null && a.isObject() && a.path("label").isObject());
    }

    private static boolean looksGuardian(JsonNode rec) {
        for (String f : new String[] {"input_data", "prediction", "actual", "error", "monitor_id", "model_id", "id", "inference_id", "metadata", "latency_ms"}) {
            if (rec.has(f)) {
                return true;
            }
        }
        return false;
    }

    private Row reject(RecordRejected r, SourcePosition pos, byte[] line, long totalBytes) {
        PersonalData personal = rules.personalData();
        if (!personal.active()) {
            return ParsedRows.rejected(r, pos, line, totalBytes, rules.limits().maxRawChars());
        }
        // personal fields configured: keep only a redacted copy of the raw record, or nothing
        try {
            String redacted = personal.redact(parser.parse(line)).toString();
            return ParsedRows.rejected(r, pos, redacted, totalBytes, rules.limits().maxRawChars());
        } catch (RecordRejected | RuntimeException unparseable) {
            RecordRejected withheld = new RecordRejected(r.reason(),
                    r.getMessage() + " (raw text withheld: personal fields are configured and the line is not JSON)", r.modelId());
            return ParsedRows.rejected(withheld, pos, (String) null, totalBytes, rules.limits().maxRawChars());
        }
    }
}
