package io.monitoring.sample;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a synthetic landing log of five models' inferences and delayed actuals, as the monitoring jobs
 * expect to find them in object storage. Configure with a {@link SampleSpec}, then call {@link #generate()}
 * once.
 *
 * <p>Under {@code spec.outputRoot()} (any Hadoop file system: {@code file://}, {@code s3a://}, ...) it writes
 * <ul>
 *   <li>{@code inferences/dt=YYYY-MM-DD/part-NNNNN.jsonl[.gz]}: one JSON object per line, in time order,
 *       records of all models mixed: {@code fraud-detector} and {@code price-regressor} as Arize
 *       {@code /v1/log} records (seed 001), {@code intent-classifier} and {@code hardhat-detector} as single
 *       Guardian records and {@code product-ranker} as Guardian batch envelopes (seed 000), plus failed
 *       inferences, the fraud model's training baseline (first day) and, when {@code badShare > 0},
 *       malformed lines of every {@link BadLineReason};</li>
 *   <li>{@code actuals/dt=YYYY-MM-DD/part-NNNNN.jsonl[.gz]}: delayed ground truth, partitioned by arrival day
 *       (up to {@code ceil(maxActualDelayHours / 24)} days past the window), each referencing an inference
 *       above by {@code prediction_id} (Arize) or {@code id} (Guardian);</li>
 *   <li>{@code _generation.json}: the {@link GenerationSummary}.</li>
 * </ul>
 * Each file's modification time is set to when it "landed": its latest record time for inference files,
 * its latest arrival time for actual files (file systems that cannot set times, like S3A, keep the upload
 * time; {@code _generation.json} lists every file's landing time).
 *
 * <p>Output is a pure function of the spec: equal specs give byte-identical files. Memory stays flat
 * whatever the record count: records are streamed, never held. Days are written one after the other; within
 * a day every stream (a model, the training set, the bad lines) renders on its own thread from its own
 * random stream, one thread merges the lines in time order and files are deflated on background threads,
 * so several cores are used without the output depending on scheduling. An existing sample under the root
 * is replaced only with {@code overwrite}; otherwise generation fails before writing anything.
 */
public final class SampleLogGenerator {
    private final SampleSpec spec;
    private final Configuration conf;

    public SampleLogGenerator(SampleSpec spec) {
        this(spec, new Configuration());
    }

    public SampleLogGenerator(SampleSpec spec, Configuration conf) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.conf = Objects.requireNonNull(conf, "conf");
        Set<String> known = new TreeSet<>();
        for (SampleModel model : models(spec)) {
            known.addAll(model.featureNames());
        }
        for (String feature : spec.driftFeatures()) {
            if (!known.contains(feature)) {
                throw new IllegalArgumentException("unknown drift feature '" + feature + "'; known: " + known);
            }
        }
    }

    /** Writes the sample and returns what was written. */
    public GenerationSummary generate() throws IOException {
        Path root = new Path(spec.outputRoot());
        try (FileSystem fs = FileSystem.newInstance(root.toUri(), conf)) {
            // Landing logs have no .crc side files; a private instance keeps this setting to ourselves.
            fs.setWriteChecksum(false);
            root = fs.makeQualified(root);
            prepareRoot(fs, root);

            DailyProfile profile = new DailyProfile();
            GenerationPlan plan = new GenerationPlan(spec, profile);
            SampleModel[] models = models(spec);
            ModelCounter[] counters = new ModelCounter[models.length];
            for (int m = 0; m < models.length; m++) {
                counters[m] = new ModelCounter();
            }
            long[] badLineCounts = new long[BadLineReason.values().length];
            List<WrittenFile> written = new ArrayList<>();
            ActualRouter actuals = new ActualRouter(fs, root, spec.gzip(), spec.recordsPerFile(), written);
            DayRun dayRun = new DayRun(spec, plan, profile, counters, badLineCounts);
            for (int day = 0; day < spec.days(); day++) {
                dayRun.run(day, fs, root, actuals, written);
            }
            actuals.closeAll();

            GenerationSummary summary = summarize(models, counters, badLineCounts, written);
            SummaryFile.write(fs, root, summary);
            return summary;
        }
    }

    /** The five sample models, in plan order (see {@link GenerationPlan#MODEL_IDS}). */
    static SampleModel[] models(SampleSpec spec) {
        SampleModel[] models = new SampleModel[GenerationPlan.MODEL_IDS.length];
        for (int m = 0; m < models.length; m++) {
            models[m] = model(spec, m);
        }
        return models;
    }

    /** A fresh instance of the {@code index}-th model (instances hold scratch state: one per thread). */
    static SampleModel model(SampleSpec spec, int index) {
        return switch (index) {
            case 0 -> new FraudDetectorModel(spec);
            case 1 -> new IntentClassifierModel(spec);
            case 2 -> new PriceRegressorModel(spec);
            case 3 -> new ProductRankerModel(spec);
            case 4 -> new HardhatDetectorModel(spec);
            default -> throw new IllegalArgumentException("no model " + index);
        };
    }

    private void prepareRoot(FileSystem fs, Path root) throws IOException {
        Path[] ours = {
            new Path(root, DayRun.INFERENCES), new Path(root, ActualRouter.KIND), new Path(root, SummaryFile.NAME)};
        for (Path p : ours) {
            if (fs.exists(p)) {
                if (!spec.overwrite()) {
                    throw new IllegalStateException(p + " already exists; set overwrite (--overwrite) to replace the sample");
                }
                fs.delete(p, true);
            }
        }
    }

    private GenerationSummary summarize(SampleModel[] models, ModelCounter[] counters, long[] badLineCounts,
                                        List<WrittenFile> written) {
        List<ModelCounts> counts = new ArrayList<>();
        for (int m = 0; m < models.length; m++) {
            counts.add(counters[m].toCounts(models[m]));
        }
        Map<String, Long> bad = new LinkedHashMap<>();
        for (BadLineReason r : BadLineReason.values()) {
            bad.put(r.reason(), badLineCounts[r.ordinal()]);
        }
        written.sort(Comparator.comparing(WrittenFile::path));
        Map<Kind, long[]> totals = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            totals.put(k, new long[2]);
        }
        for (WrittenFile f : written) {
            long[] t = totals.get(f.kind().equals(ActualRouter.KIND) ? Kind.ACTUALS : Kind.INFERENCES);
            t[0]++;
            t[1] += f.lines();
        }
        return new GenerationSummary(spec, counts, bad, totals.get(Kind.INFERENCES)[0], totals.get(Kind.ACTUALS)[0],
                totals.get(Kind.INFERENCES)[1], totals.get(Kind.ACTUALS)[1], written);
    }

    private enum Kind { INFERENCES, ACTUALS }
}
