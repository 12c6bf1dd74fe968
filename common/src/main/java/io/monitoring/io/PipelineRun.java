package io.monitoring.io;

import static io.monitoring.model.Columns.*;

import io.monitoring.ingest.RowBuilder;
import io.monitoring.model.Schemas;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * What one job run did: the row it leaves in {@code pipeline_runs}. For ingest,
 * {@code recordsRead = recordsWritten + recordsQuarantined} always holds.
 */
public record PipelineRun(
        String runId,
        String job,
        String status,
        Instant startedAt,
        Instant finishedAt,
        Instant windowStart,
        Instant windowEnd,
        List<String> inputs,
        List<String> outputs,
        long recordsRead,
        long recordsWritten,
        long recordsQuarantined,
        Map<String, Long> metrics,
        String message) {

    public PipelineRun {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        metrics = Map.copyOf(metrics);
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    public Row toRow() {
        return new RowBuilder(Schemas.PIPELINE_RUN)
                .set(RUN_ID, runId)
                .set(JOB, job)
                .set(STATUS, status)
                .set(STARTED_AT, startedAt)
                .set(FINISHED_AT, finishedAt)
                .set(DURATION_MS, duration().toMillis())
                .set(WINDOW_START, windowStart)
                .set(WINDOW_END, windowEnd)
                .set(INPUTS, inputs)
                .set(OUTPUTS, outputs)
                .set(RECORDS_READ, recordsRead)
                .set(RECORDS_WRITTEN, recordsWritten)
                .set(RECORDS_QUARANTINED, recordsQuarantined)
                .set(METRICS, new TreeMap<>(metrics))
                .set(MESSAGE, message)
                .build();
    }

    /** One line for logs and the console. */
    public String summary() {
        return String.format("%s %s %s in %d ms: read=%d written=%d quarantined=%d %s", job, runId, status,
                duration().toMillis(), recordsRead, recordsWritten, recordsQuarantined, new TreeMap<>(metrics));
    }
}
