package io.monitoring.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitoring.model.RejectReason;
import java.io.IOException;
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
    private final ObjectMapper mapper;

    public RecordRouter(IngestRules rules) {
        this.rules = rules;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(rules.limits().maxNestingDepth())
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The rows of one line: one, or one per record of a batch envelope. */
    public List<Row> route(byte[] line, long totalBytes, SourcePosition pos) {
        JsonNode node;
        try {
            node = parse(line);
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

    private JsonNode parse(byte[] line) throws RecordRejected {
        try {
            return mapper.readTree(line);
        } catch (StreamConstraintsException e) {
            throw new RecordRejected(RejectReason.NESTING_TOO_DEEP, firstLine(e));
        } catch (JsonProcessingException e) {
            String msg = firstLine(e);
            if (msg.contains("Duplicate field")) {
                throw new RecordRejected(RejectReason.DUPLICATE_KEY, msg);
            }
            if (msg.contains("UTF-8") || msg.contains("UTF8")) {
                throw new RecordRejected(RejectReason.INVALID_UTF8, msg);
            }
            throw new RecordRejected(RejectReason.MALFORMED_JSON, msg);
        } catch (IOException e) {
            throw new RecordRejected(RejectReason.MALFORMED_JSON, firstLine(e));
        }
    }

    private Row reject(RecordRejected r, SourcePosition pos, byte[] line, long totalBytes) {
        PersonalData personal = rules.personalData();
        if (!personal.active()) {
            return ParsedRows.rejected(r, pos, line, totalBytes, rules.limits().maxRawChars());
        }
        // personal fields configured: keep only a redacted copy of the raw record, or nothing
        try {
            String redacted = personal.redact(new ObjectMapper().readTree(line)).toString();
            return ParsedRows.rejected(r, pos, redacted, totalBytes, rules.limits().maxRawChars());
        } catch (IOException | RuntimeException unparseable) {
            RecordRejected withheld = new RecordRejected(r.reason(),
                    r.getMessage() + " (raw text withheld: personal fields are configured and the line is not JSON)", r.modelId());
            return ParsedRows.rejected(withheld, pos, (String) null, totalBytes, rules.limits().maxRawChars());
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
