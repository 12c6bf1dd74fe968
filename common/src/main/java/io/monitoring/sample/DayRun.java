package io.monitoring.sample;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Generates one day: its inference partition, and its records' actuals into the arrival-day partitions. */
final class DayRun {
    static final String INFERENCES = "inferences";
    private static final int TRAINING_STREAM = GenerationPlan.MODEL_IDS.length;
    private static final int BAD_LINE_STREAM = TRAINING_STREAM + 1;

    private final SampleSpec spec;
    private final GenerationPlan plan;
    private final DailyProfile profile;
    private final Conditions conditions;
    private final ActualDelays delays;
    private final Ids ids;
    private final SampleModel[] models;
    private final ModelCounter[] counters;
    private final BadLineWriter badLines;
    private final long[] badLineCounts;

    DayRun(SampleSpec spec, GenerationPlan plan, DailyProfile profile, SampleModel[] models,
           ModelCounter[] counters, BadLineWriter badLines, long[] badLineCounts) {
        this.spec = spec;
        this.plan = plan;
        this.profile = profile;
        this.conditions = new Conditions(spec);
        this.delays = new ActualDelays(spec.maxActualDelayHours());
        this.ids = new Ids(spec.seed());
        this.models = models;
        this.counters = counters;
        this.badLines = badLines;
        this.badLineCounts = badLineCounts;
    }

    void run(int day, FileSystem fs, Path root, ActualRouter actuals, List<WrittenFile> written) throws IOException {
        LocalDate date = LocalDate.ofInstant(spec.start(), ZoneOffset.UTC).plusDays(day);
        long dayStart = date.toEpochDay() * Timestamps.MICROS_PER_DAY;
        actuals.closeBefore(date.toEpochDay());
        PartitionWriter inferences = new PartitionWriter(fs, root, INFERENCES, date, spec.gzip(),
                spec.recordsPerFile(), written);
        Timestamps timestamps = new Timestamps();
        List<RecordStream> streams = new ArrayList<>();
        for (int m = 0; m < models.length; m++) {
            SampleModel model = models[m];
            StreamContext c = context(m, day, timestamps, inferences, actuals, counters[m]);
            streams.add(new RecordStream(c, profile, dayStart, plan.production[m][day], model.maxBatch(),
                    model::emit));
        }
        if (day == 0 && plan.training > 0) {
            FraudDetectorModel fraud = (FraudDetectorModel) models[0];
            StreamContext c = context(TRAINING_STREAM, day, timestamps, inferences, actuals, counters[0]);
            streams.add(new RecordStream(c, profile, dayStart, plan.training, 1,
                    (ctx, times, count) -> fraud.emitTraining(ctx, times[0])));
        }
        if (plan.badLines[day] > 0) {
            StreamContext c = context(BAD_LINE_STREAM, day, timestamps, inferences, actuals, new ModelCounter());
            long[] next = {plan.firstBadLine[day]};
            streams.add(new RecordStream(c, profile, dayStart, plan.badLines[day], 1,
                    (ctx, times, count) -> badLineCounts[badLines.write(ctx, times[0], next[0]++).ordinal()]++));
        }
        merge(streams);
        inferences.close();
    }

    private StreamContext context(int stream, int day, Timestamps timestamps, PartitionWriter inferences,
                                  ActualRouter actuals, ModelCounter counter) {
        return new StreamContext(spec, stream, day, conditions, delays, ids, timestamps, inferences, actuals,
                counter);
    }

    /** Writes the streams' lines in time order; ties go to the stream listed first. */
    private static void merge(List<RecordStream> streams) throws IOException {
        RecordStream[] all = streams.toArray(new RecordStream[0]);
        while (true) {
            RecordStream next = null;
            for (RecordStream s : all) {
                if (s.hasNext() && (next == null || s.nextTime() < next.nextTime())) {
                    next = s;
                }
            }
            if (next == null) {
                return;
            }
            next.emitNext();
        }
    }
}
