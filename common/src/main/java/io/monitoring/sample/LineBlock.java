package io.monitoring.sample;

import java.util.Arrays;

/**
 * A run of finished lines from one stream, rendered to bytes on the stream's thread and handed to the
 * day's merger: inference lines with their landing time and record count, and after each inference line
 * the actual lines it produced, with their arrival times. Reused once merged.
 */
final class LineBlock {
    /** Marks the end of a stream. */
    static final LineBlock END = new LineBlock();

    final ByteSink inferenceBytes = new ByteSink();
    final ByteSink actualBytes = new ByteSink();
    int lines;
    long[] landed = new long[256];
    long[] records = new long[256];
    int[] lineEnd = new int[256];
    /** Actual lines [actualsEnd[i-1], actualsEnd[i]) follow inference line i. */
    int[] actualsEnd = new int[256];
    int actuals;
    long[] arrival = new long[256];
    int[] actualEnd = new int[256];

    void clear() {
        inferenceBytes.reset();
        actualBytes.reset();
        lines = 0;
        actuals = 0;
    }

    void addLine(long landedMicros, long lineRecords) {
        if (lines == landed.length) {
            int n = lines * 2;
            landed = Arrays.copyOf(landed, n);
            records = Arrays.copyOf(records, n);
            lineEnd = Arrays.copyOf(lineEnd, n);
            actualsEnd = Arrays.copyOf(actualsEnd, n);
        }
        landed[lines] = landedMicros;
        records[lines] = lineRecords;
        lineEnd[lines] = inferenceBytes.size();
        actualsEnd[lines] = actuals;
        lines++;
    }

    void addActual(long arrivalMicros) {
        if (actuals == arrival.length) {
            arrival = Arrays.copyOf(arrival, actuals * 2);
            actualEnd = Arrays.copyOf(actualEnd, actuals * 2);
        }
        arrival[actuals] = arrivalMicros;
        actualEnd[actuals] = actualBytes.size();
        actuals++;
    }

    int lineStart(int line) {
        return line == 0 ? 0 : lineEnd[line - 1];
    }

    int actualStart(int actual) {
        return actual == 0 ? 0 : actualEnd[actual - 1];
    }

    int firstActual(int line) {
        return line == 0 ? 0 : actualsEnd[line - 1];
    }
}
