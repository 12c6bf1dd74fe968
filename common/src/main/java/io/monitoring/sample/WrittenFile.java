package io.monitoring.sample;

import java.time.Instant;

/**
 * One landing file written.
 *
 * @param path     path relative to the output root, e.g. {@code inferences/dt=2026-02-01/part-00000.jsonl.gz}
 * @param kind     {@code inferences} or {@code actuals}
 * @param lines    lines in the file
 * @param records  records in the file (an envelope counts its members; a malformed line counts one)
 * @param landedAt when the file "landed": its modification time where the file system can set it
 */
public record WrittenFile(String path, String kind, long lines, long records, Instant landedAt) {
}
