package io.monitoring.sample;

import java.io.IOException;

/**
 * One time-ordered stream of lines on one day (a model's records, the training set, the bad lines): draws
 * the records' sorted timestamps, groups them into lines (batch envelopes take up to {@code maxBatch}) and
 * has the emitter write each line.
 */
final class RecordStream {
    /** Writes the lines of {@code count} records stamped {@code times[0..count)}. */
    interface Emitter {
        void emit(StreamContext c, long[] times, int count) throws IOException;
    }

    private final StreamContext context;
    private final SortedTimes times;
    private final int maxBatch;
    private final Emitter emitter;
    private final long[] batch;
    private int batchSize;

    RecordStream(StreamContext context, DailyProfile profile, long dayStartMicros, long records, int maxBatch,
                 Emitter emitter) {
        this.context = context;
        this.times = new SortedTimes(context.rng, profile, dayStartMicros, records);
        this.maxBatch = maxBatch;
        this.emitter = emitter;
        this.batch = new long[maxBatch];
        prepare();
    }

    boolean hasNext() {
        return batchSize > 0;
    }

    void emitNext() throws IOException {
        emitter.emit(context, batch, batchSize);
        prepare();
    }

    private void prepare() {
        if (!times.hasNext()) {
            batchSize = 0;
            return;
        }
        batchSize = maxBatch == 1 ? 1 : (int) Math.min(times.remaining(), 1 + context.rng.nextInt(maxBatch));
        for (int i = 0; i < batchSize; i++) {
            batch[i] = times.next();
        }
    }
}
