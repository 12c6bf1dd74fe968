package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;

import io.monitoring.model.Schemas;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/** Builds the per-record envelope rows ({@link Schemas#PARSED}) and the lineage columns they share. */
final class ParsedRows {
    private ParsedRows() {}

    static Row accepted(Row inference, Row actual) {
        return new GenericRowWithSchema(new Object[] {inference, actual, null}, Schemas.PARSED);
    }

    static Row rejected(RecordRejected why, SourcePosition pos, byte[] raw, long rawBytes, int maxRawChars) {
        String text = raw == null ? null : new String(raw, StandardCharsets.UTF_8);
        return rejected(why, pos, text, rawBytes, maxRawChars);
    }

    static Row rejected(RecordRejected why, SourcePosition pos, String raw, long rawBytes, int maxRawChars) {
        boolean truncated = raw != null && (raw.length() > maxRawChars || rawBytes > raw.getBytes(StandardCharsets.UTF_8).length);
        String kept = raw != null && raw.length() > maxRawChars ? raw.substring(0, maxRawChars) : raw;
        Row q = new RowBuilder(Schemas.QUARANTINE_ROW)
                .set(QUARANTINE_ID, RecordIds.of(pos.file(), String.valueOf(pos.line()), String.valueOf(pos.recordIndex())))
                .set(REASON, why.reason().code())
                .set(DETAIL, why.getMessage())
                .set(MODEL_ID, why.modelId())
                .set(SOURCE_FILE, pos.file())
                .set(SOURCE_LINE, pos.line() > 0 ? pos.line() : null)
                .set(RECORD_INDEX, pos.recordIndex())
                .set(RAW_TEXT, kept)
                .set(RAW_BYTES, raw == null ? null : rawBytes)
                .set(RAW_TRUNCATED, truncated)
                .set(LANDED_AT, pos.landedAt())
                .build();
        return new GenericRowWithSchema(new Object[] {null, null, q}, Schemas.PARSED);
    }

    static void lineage(RowBuilder row, SourcePosition pos) {
        row.set(SOURCE_FILE, pos.file())
                .set(SOURCE_LINE, pos.line())
                .set(RECORD_INDEX, pos.recordIndex())
                .set(LANDED_AT, pos.landedAt());
    }

    static LocalDate utcDate(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
