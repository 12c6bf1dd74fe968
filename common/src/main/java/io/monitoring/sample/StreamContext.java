package io.monitoring.sample;

import java.util.SplittableRandom;

/**
 * Everything one stream of records (a model's production records, its training set, or the malformed
 * lines) needs on one day: its random stream, id sequence, output and counters. Used by the stream's
 * thread only.
 */
final class StreamContext {
    final SampleSpec spec;
    final SplittableRandom rng;
    final Conditions conditions;
    final ActualDelays delays;
    final Timestamps timestamps;
    final StreamOutput out;
    final ModelCounter counter;
    private final Ids ids;
    private final int stream;
    private final int day;
    private long sequence;

    StreamContext(SampleSpec spec, int stream, int day, Conditions conditions, ActualDelays delays, Ids ids,
                  Timestamps timestamps, StreamOutput out, ModelCounter counter) {
        this.spec = spec;
        this.rng = Seeds.stream(spec.seed(), stream, day);
        this.conditions = conditions;
        this.delays = delays;
        this.ids = ids;
        this.timestamps = timestamps;
        this.out = out;
        this.counter = counter;
        this.stream = stream;
        this.day = day;
    }

    /** The next record's unique id. */
    long nextId() {
        return ids.unique(stream, day, sequence++);
    }
}
