package io.monitoring.sample;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates one day: its inference partition, and its records' actuals into the arrival-day partitions.
 *
 * <p>Each stream (a model's production records, the training set, the bad lines) renders its lines on its
 * own thread from its own random stream; this thread merges them in time order (ties to the stream listed
 * first) and writes them. What each stream writes, and the merge order, depend only on the spec, so the
 * output is the same whatever the thread scheduling.
 */
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
    private final ModelCounter[] counters;
    private final long[] badLineCounts;

    DayRun(SampleSpec spec, GenerationPlan plan, DailyProfile profile, ModelCounter[] counters,
           long[] badLineCounts) {
        this.spec = spec;
        this.plan = plan;
        this.profile = profile;
        this.conditions = new Conditions(spec);
        this.delays = new ActualDelays(spec.maxActualDelayHours());
        this.ids = new Ids(spec.seed());
        this.counters = counters;
        this.badLineCounts = badLineCounts;
    }

    void run(int day, FileSystem fs, Path root, ActualRouter actuals, List<WrittenFile> written) throws IOException {
        LocalDate date = LocalDate.ofInstant(spec.start(), ZoneOffset.UTC).plusDays(day);
        long dayStart = date.toEpochDay() * Timestamps.MICROS_PER_DAY;
        actuals.closeBefore(date.toEpochDay());

        List<StreamWorker> workers = new ArrayList<>();
        List<ModelCounter> streamCounters = new ArrayList<>();
        long[] dayBadLines = new long[badLineCounts.length];
        for (int m = 0; m < GenerationPlan.MODEL_IDS.length; m++) {
            SampleModel model = SampleLogGenerator.model(spec, m);
            ModelCounter counter = new ModelCounter();
            StreamContext c = context(m, day, counter);
            workers.add(worker(model.id, date, c, plan.production[m][day], model.maxBatch(), model::emit));
            streamCounters.add(counter);
        }
        if (day == 0 && plan.training > 0) {
            FraudDetectorModel fraud = (FraudDetectorModel) SampleLogGenerator.model(spec, 0);
            ModelCounter counter = new ModelCounter();
            StreamContext c = context(TRAINING_STREAM, day, counter);
            workers.add(worker(fraud.id + "-training", date, c, plan.training, 1,
                    (ctx, times, count) -> fraud.emitTraining(ctx, times[0])));
            streamCounters.add(counter);
        }
        if (plan.badLines[day] > 0) {
            SampleModel[] m = SampleLogGenerator.models(spec);
            BadLineWriter badLines = new BadLineWriter(
                    new ArizeModel[] {(ArizeModel) m[0], (ArizeModel) m[2]},
                    new GuardianModel[] {(GuardianModel) m[1], (GuardianModel) m[4]},
                    (ProductRankerModel) m[3]);
            StreamContext c = context(BAD_LINE_STREAM, day, new ModelCounter());
            long[] next = {plan.firstBadLine[day]};
            workers.add(worker("bad-lines", date, c, plan.badLines[day], 1,
                    (ctx, times, count) -> dayBadLines[badLines.write(ctx, times[0], next[0]++).ordinal()]++));
        }

        PartitionWriter inferences = new PartitionWriter(fs, root, INFERENCES, date, spec.gzip(),
                spec.recordsPerFile(), written);
        workers.forEach(StreamWorker::start);
        boolean merged = false;
        try {
            merge(workers, inferences, actuals);
            merged = true;
        } finally {
            if (!merged) {
                workers.forEach(StreamWorker::cancel);
            }
            for (StreamWorker w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while generating " + date);
                }
            }
        }
        inferences.close();

        for (int s = 0; s < streamCounters.size(); s++) {
            counters[s < GenerationPlan.MODEL_IDS.length ? s : 0].add(streamCounters.get(s));
        }
        for (int r = 0; r < dayBadLines.length; r++) {
            badLineCounts[r] += dayBadLines[r];
        }
    }

    private StreamWorker worker(String name, LocalDate date, StreamContext c, long records, int maxBatch,
                                RecordStream.Emitter emitter) {
        RecordStream stream = new RecordStream(c, profile, date.toEpochDay() * Timestamps.MICROS_PER_DAY, records,
                maxBatch, emitter);
        return new StreamWorker("sample " + name + " " + date, c.out, stream);
    }

    private StreamContext context(int stream, int day, ModelCounter counter) throws IOException {
        return new StreamContext(spec, stream, day, conditions, delays, ids, new Timestamps(), new StreamOutput(),
                counter);
    }

    /** Writes the streams' lines in time order; ties go to the stream listed first. */
    private static void merge(List<StreamWorker> workers, PartitionWriter inferences, ActualRouter actuals)
            throws IOException {
        int n = workers.size();
        LineBlock[] blocks = new LineBlock[n];
        int[] line = new int[n];
        for (int s = 0; s < n; s++) {
            blocks[s] = next(workers.get(s));
        }
        while (true) {
            int pick = -1;
            for (int s = 0; s < n; s++) {
                if (blocks[s] != LineBlock.END
                        && (pick < 0 || blocks[s].landed[line[s]] < blocks[pick].landed[line[pick]])) {
                    pick = s;
                }
            }
            if (pick < 0) {
                return;
            }
            LineBlock b = blocks[pick];
            int i = line[pick];
            int start = b.lineStart(i);
            inferences.write(b.inferenceBytes.bytes(), start, b.lineEnd[i] - start, b.records[i], b.landed[i]);
            for (int a = b.firstActual(i); a < b.actualsEnd[i]; a++) {
                int from = b.actualStart(a);
                actuals.forArrival(b.arrival[a])
                        .write(b.actualBytes.bytes(), from, b.actualEnd[a] - from, 1, b.arrival[a]);
            }
            if (++line[pick] == b.lines) {
                workers.get(pick).output.recycle(b);
                blocks[pick] = next(workers.get(pick));
                line[pick] = 0;
            }
        }
    }

    private static LineBlock next(StreamWorker worker) throws IOException {
        LineBlock block;
        try {
            block = worker.output.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while merging");
        }
        if (block == LineBlock.END && worker.failure() != null) {
            Throwable t = worker.failure();
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("sample stream failed", t);
        }
        return block;
    }
}
