package io.monitoring.ingest;

import java.time.Instant;

/** Where a record came from: file, 1-based line, index inside a batch envelope, landing time. */
public record SourcePosition(String file, long line, Integer recordIndex, Instant landedAt) {
    public SourcePosition inBatch(int index) {
        return new SourcePosition(file, line, index, landedAt);
    }
}
