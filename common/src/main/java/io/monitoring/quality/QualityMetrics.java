package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static io.monitoring.quality.QualityRows.GROUP_ID;
import static org.apache.spark.sql.functions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.config.QualitySettings;
import io.monitoring.ingest.PredictionKinds;
import io.monitoring.spark.CachedParts;
import io.monitoring.spark.Plans;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Labelled inferences to {@code model_quality} rows. Every metric family is an aggregation of the
 * evaluation rows ({@link QualityRows}) by one group key, so all windows, slices and models of a
 * run are computed together: one aggregation for counts, coverage, accuracy, regression and ranking
 * sums; one for the confusion counts (from which every per-class, macro and weighted value
 * follows); one for per-class detection counts; the CBPE estimate; per group, the variance of the
 * actual values; the label-lag percentiles, exact ({@link LabelLags}); and, for ROC/PR AUC and log
 * loss, one sort of the rows' class probabilities per model and class ({@link ScoreCurves}).
 *
 * <p>An inference is counted in eight groups at the bench's settings (hour and day, the whole model
 * and three segment keys). The counts and sums are taken first per cell, the inferences that share
 * all their groups, and then summed over each group's cells, so each inference is read once; only
 * what does not add up from cells reads more: the variance an inference once per group; the score
 * curves and the label-lag percentiles sort each inference's value once and count it in each of its
 * groups. Pure functions, no I/O.
 */
public final class QualityMetrics {
    /**
     * The evaluated kinds in name order, so the greatest code is the greatest name: the kind of a
     * group none of whose rows could be evaluated. A code, not the name, because a string maximum
     * has no fixed-width buffer and would turn the whole main aggregation into a sort.
     */
    private static final Column KNOWN_KINDS = array(lit(PredictionKinds.CLASSIFICATION), lit(PredictionKinds.DETECTION),
            lit(PredictionKinds.RANKING), lit(PredictionKinds.REGRESSION));
    private static final Column KNOWN_KIND_CODE = array_position(KNOWN_KINDS, col(PREDICTION_KIND));
    private static final Column KNOWN_KIND_OF_CODE = when(col("any_kind_code").gt(0),
            element_at(KNOWN_KINDS, col("any_kind_code").cast("int")));

    /** What the metrics need from the configuration. */
    public record Params(QualitySettings quality, MonitoringConfig.Segments segments,
            Map<String, String> workspaceOfModel, String defaultWorkspace) implements Serializable {
        public static Params of(MonitoringConfig config) {
            return new Params(config.quality(), config.segments(), config.models().workspaceOfModel(), config.models().defaultWorkspace());
        }
    }

    private QualityMetrics() {}

    /**
     * Evaluation rows per cached partition that {@link #cachePartitions} aims at. A partition's
     * block is built (and, when it does not fit in memory, unrolled) whole on the heap, so its size
     * must not grow with the input: at 10M records and 8 partitions the blocks were 0.6-1.5 GB each,
     * and two tasks unrolling them at once ran a 3 GB heap out of memory. When each inference was
     * cached once per group, blocks of a million copies were about 125 MB at the 1M bench's row
     * width; a row now also carries the ids of all its groups, so a block holds half as many.
     */
    static final long ROWS_PER_CACHED_PARTITION = 500_000L;

    /**
     * How many partitions the evaluation rows of {@code labeledRows} labelled inferences are spread
     * over: at least {@code minimum} (the shuffle partitions), and enough that each holds about
     * {@link #ROWS_PER_CACHED_PARTITION} rows.
     */
    public static int cachePartitions(long labeledRows, int minimum) {
        long needed = (labeledRows + ROWS_PER_CACHED_PARTITION - 1) / ROWS_PER_CACHED_PARTITION;
        return (int) Math.max(minimum, Math.min(needed, 100_000L));
    }

    /** {@link #evaluationRows(Dataset, Params, int)} over the shuffle partitions: for inputs known to be small. */
    public static Dataset<Row> evaluationRows(Dataset<Row> labeled, Params p) {
        return evaluationRows(labeled, p, Integer.parseInt(labeled.sparkSession().conf().get("spark.sql.shuffle.partitions")));
    }

    /**
     * Evaluation rows of labelled inferences: the input of {@link #fromRows}; worth persisting.
     *
     * @param partitions how many partitions they are spread over ({@link #cachePartitions})
     */
    public static Dataset<Row> evaluationRows(Dataset<Row> labeled, Params p, int partitions) {
        Dataset<Row> production = labeled.where(col(ENVIRONMENT).isin(p.quality().environments().toArray()));
        Dataset<Row> prepared = QualityRows.prepare(production, p.quality().rankingK(), p.segments().keys());
        // a dozen aggregations read these rows: spread them evenly over the partitions (a day's
        // scan may have as few splits as there are cores, of unequal size, and each split would be
        // one cached block); sorted by kind and label, so most cached batches hold one kind,
        // labelled or not, and the metric families that read one kind skip the others' batches
        // (QualityRows.classifiedRows)
        Dataset<Row> spread = prepared.repartition(partitions, col(MODEL_ID), col(EVENT_TIME))
                .sortWithinPartitions(col(PREDICTION_KIND), col(HAS_ACTUAL));
        // the caps from the key columns of the input itself: a narrow scan, not a second sort;
        // detached, so the joins of each granularity and key read the one result (each join's
        // filter would otherwise be pushed into the caps' aggregation, and every join would scan
        // and aggregate the input again)
        Dataset<Row> caps = Plans.detached(QualityRows.sliceCaps(production, p.quality().granularities(), p.segments()));
        return QualityRows.withGroups(spread, caps, p.quality().granularities(), p.segments());
    }

    /**
     * Rows of {@link QualitySchemas#MODEL_QUALITY}, one per group of the evaluation rows.
     *
     * @param reference labelled inferences of the CBPE reference periods (null: no estimates)
     * @param parts where the aggregates read more than once are kept; close it once the result is written
     */
    public static Dataset<Row> fromRows(Dataset<Row> evaluationRows, Dataset<Row> reference, Params p, CachedParts parts) {
        return compute(evaluationRows, reference, p, parts).rows();
    }

    /**
     * The {@link #fromRows} rows, and their groups (one row each), which are kept in {@code parts}:
     * once the rows are written, the groups count them without computing them again.
     */
    public record Computed(Dataset<Row> rows, Dataset<Row> groups) {}

    /** {@link #fromRows}, with the groups the rows are counted from. */
    public static Computed compute(Dataset<Row> evaluationRows, Dataset<Row> reference, Params p, CachedParts parts) {
        QualitySettings q = p.quality();
        // a dozen aggregates of these rows are joined back together: see Plans for why they are detached
        Dataset<Row> main = mainAggregates(evaluationRows, q.rankingK(), q.granularities(), p.segments());

        // each subset is filtered on the cached rows themselves (then detached), so its scan skips
        // batches and decodes only the columns it reads
        Dataset<Row> classified = evaluationRows.where(QualityRows.classifiedRows());
        // counted per cell (rows in the same groups), then the cells' counts summed per group
        Dataset<Row> confusionCells = Plans.detached(classified
                .groupBy(col(QualityRows.GROUP_IDS), col(ACTUAL_LABEL).as(ACTUAL_CLASS), col(PREDICTION_LABEL).as(PREDICTED_CLASS))
                .agg(count(lit(1)).as(COUNT)));
        Dataset<Row> confusion = parts.keep(QualityRows.perGroup(confusionCells, ACTUAL_CLASS, PREDICTED_CLASS, COUNT)
                .groupBy(GROUP_ID, ACTUAL_CLASS, PREDICTED_CLASS).agg(sum(COUNT).as(COUNT)));
        Dataset<Row> confusionLists = confusion.groupBy(GROUP_ID).agg(
                array_sort(collect_list(struct(col(ACTUAL_CLASS), col(PREDICTED_CLASS), col(COUNT)))).as(CONFUSION_MATRIX));
        Dataset<Row> clsCounts = confusion.select(col(GROUP_ID), col(ACTUAL_CLASS).as(CLASS_NAME), col(COUNT).as(SUPPORT),
                        lit(0L).as(PREDICTED), when(col(ACTUAL_CLASS).equalTo(col(PREDICTED_CLASS)), col(COUNT)).otherwise(0L).as(TRUE_POSITIVES))
                .unionByName(confusion.select(col(GROUP_ID), col(PREDICTED_CLASS).as(CLASS_NAME), lit(0L).as(SUPPORT),
                        col(COUNT).as(PREDICTED), lit(0L).as(TRUE_POSITIVES)))
                .groupBy(GROUP_ID, CLASS_NAME).agg(sum(SUPPORT).as(SUPPORT), sum(PREDICTED).as(PREDICTED), sum(TRUE_POSITIVES).as(TRUE_POSITIVES));
        Dataset<Row> detCells = Plans.detached(evaluationRows.where(QualityRows.detectionRows())
                .groupBy(QualityRows.GROUP_IDS, QualityRows.PRED_SET, QualityRows.ACT_SET).agg(count(lit(1)).as(COUNT)));
        Dataset<Row> detCounts = QualityRows.perGroup(detCells, QualityRows.PRED_SET, QualityRows.ACT_SET, COUNT)
                .withColumn(CLASS_NAME, explode(array_union(col(QualityRows.PRED_SET), col(QualityRows.ACT_SET))))
                .groupBy(GROUP_ID, CLASS_NAME).agg(
                        sum(when(array_contains(col(QualityRows.ACT_SET), col(CLASS_NAME)), col(COUNT)).otherwise(0L)).as(SUPPORT),
                        sum(when(array_contains(col(QualityRows.PRED_SET), col(CLASS_NAME)), col(COUNT)).otherwise(0L)).as(PREDICTED),
                        sum(when(array_contains(col(QualityRows.ACT_SET), col(CLASS_NAME))
                                .and(array_contains(col(QualityRows.PRED_SET), col(CLASS_NAME))), col(COUNT)).otherwise(0L)).as(TRUE_POSITIVES));
        // the score curves need each row's probabilities: per class of its groups
        int shufflePartitions = Integer.parseInt(evaluationRows.sparkSession().conf().get("spark.sql.shuffle.partitions"));
        Dataset<Row> curves = parts.keep(ScoreCurves.curves(classified, classesOfGroups(clsCounts), shufflePartitions));
        Dataset<Row> areas = curves.select(GROUP_ID, CLASS_NAME, ROC_AUC, PR_AUC);
        Dataset<Row> losses = ScoreCurves.logLoss(curves);
        Dataset<Row> areaMeans = areas.groupBy(GROUP_ID).agg(avg(ROC_AUC).as(ROC_AUC), avg(PR_AUC).as(PR_AUC));

        Dataset<Row> classes = Joins.using(Plans.detached(clsCounts.unionByName(detCounts)), areas,
                List.of(GROUP_ID, CLASS_NAME), "left");
        Dataset<Row> groups = parts.keep(withUniqueGroupIds(main));
        Dataset<Row> estimateGroups = null;
        if (q.cbpe().enabled() && reference != null) {
            Cbpe.Estimates estimates = Cbpe.estimate(evaluationRows.where(QualityRows.scoredRows()), groups.select(WINDOW_DATE),
                    Plans.detached(reference), q.cbpe(), parts);
            classes = Joins.using(classes, estimates.perClass(), List.of(GROUP_ID, CLASS_NAME), "full_outer");
            estimateGroups = Plans.detached(estimates.perGroup());
        } else {
            classes = classes.withColumn(ESTIMATED_PRECISION, lit(null).cast("double"))
                    .withColumn(ESTIMATED_RECALL, lit(null).cast("double"))
                    .withColumn(ESTIMATED_F1, lit(null).cast("double"));
        }
        Dataset<Row> classAggregates = Plans.detached(classAggregates(classes));

        Dataset<Row> out = groups;
        out = Joins.using(out, Plans.detached(LabelLags.percentiles(evaluationRows.where(QualityRows.laggedRows()), shufflePartitions)),
                List.of(GROUP_ID), "left");
        out = Joins.using(out, Plans.detached(actualVariances(Plans.detached(QualityRows.perGroup(
                evaluationRows.where(QualityRows.regressionRows()), ACTUAL_VALUE)))), List.of(GROUP_ID), "left");
        out = Joins.using(out, classAggregates, List.of(GROUP_ID), "left");
        out = Joins.using(out, Plans.detached(confusionLists), List.of(GROUP_ID), "left");
        out = Joins.using(out, Plans.detached(areaMeans), List.of(GROUP_ID), "left");
        out = Joins.using(out, Plans.detached(losses), List.of(GROUP_ID), "left");
        if (estimateGroups != null) {
            out = Joins.using(out, estimateGroups, List.of(GROUP_ID), "left");
        }
        return new Computed(finish(out, p, estimateGroups != null), groups);
    }

    /**
     * The classes of each group, from (group_id, class_name) rows: a few per group, a few thousand
     * rows in all, collected so each task gets them as a map (a join would have to copy every row
     * into each of its groups again, which is what {@link ScoreCurves#curves} avoids).
     */
    private static Map<Long, List<String>> classesOfGroups(Dataset<Row> groupClasses) {
        Map<Long, List<String>> classes = new HashMap<>();
        for (Row r : groupClasses.select(GROUP_ID, CLASS_NAME).where(col(CLASS_NAME).isNotNull()).collectAsList()) {
            classes.computeIfAbsent(r.getLong(0), g -> new ArrayList<>()).add(r.getString(1));
        }
        return classes;
    }

    /**
     * The main aggregates (one row per group), failing the query when two groups share a
     * {@link QualityRows#GROUP_ID}: a 64-bit hash, so it is most unlikely, but the other aggregates
     * would merge the two groups' rows without a trace. The check sits in a column the result keeps.
     */
    static Dataset<Row> withUniqueGroupIds(Dataset<Row> main) {
        Column groupsWithId = count(lit(1)).over(Window.partitionBy(col(GROUP_ID)));
        return main.withColumn(NUM_INFERENCES, when(groupsWithId.gt(1),
                        raise_error(concat(lit("quality groups share the group_id hash "), col(GROUP_ID).cast("string"),
                                lit(": their metrics would be merged")))
                                .cast("long"))
                .otherwise(col(NUM_INFERENCES)));
    }

    private static Column countIf(Column condition) {
        return sum(when(condition, 1L).otherwise(0L));
    }

    private static Column sumIf(Column condition, Column value) {
        return sum(when(condition, value));
    }

    /**
     * (group_id, var_actual): the sample variance of the actual values of evaluated regression rows
     * ({@link QualityRows#regressionRows}), R²'s denominator. Per group, not from
     * {@link #mainAggregates}' cells: a variance does not follow from the cells' sums without
     * losing precision to cancellation.
     */
    private static Dataset<Row> actualVariances(Dataset<Row> rows) {
        return rows.groupBy(GROUP_ID).agg(var_samp(col(ACTUAL_VALUE)).as("var_actual"));
    }

    /**
     * The counts and sums of each group, in two steps: first per cell, the rows that share every
     * group (same model, version, windows and capped slice values: a few per hour, model and
     * segment combination), then the cells' values summed per group. So the rows are read once,
     * not once per group they are counted in.
     */
    private static Dataset<Row> mainAggregates(Dataset<Row> rows, List<Integer> ks, List<String> granularities,
            MonitoringConfig.Segments segments) {
        Column reg = col(QualityRows.IS_REG);
        Column err = col(QualityRows.ERR);
        Column nonZeroActual = reg.and(col(ACTUAL_VALUE).notEqual(0.0));
        // per cell; a group's value is the sum of its cells'
        Map<String, Column> sums = new LinkedHashMap<>();
        sums.put(NUM_INFERENCES, count(lit(1)));
        sums.put(NUM_LABELED, countIf(col(HAS_ACTUAL)));
        sums.put("n_cls", countIf(col(QualityRows.IS_CLS)));
        sums.put("n_correct", countIf(col(QualityRows.CORRECT)));
        sums.put("n_reg", countIf(reg));
        sums.put("sum_abs_err", sumIf(reg, abs(err)));
        sums.put("sum_sq_err", sumIf(reg, err.multiply(err)));
        sums.put("sum_err", sumIf(reg, err));
        sums.put("n_ape", countIf(nonZeroActual));
        sums.put("sum_ape", sumIf(nonZeroActual, abs(err.divide(col(ACTUAL_VALUE)))));
        sums.put("n_rank", countIf(col(QualityRows.IS_RANK)));
        sums.put("n_det", countIf(col(QualityRows.IS_DET)));
        QualityRows.rankingTerms(ks).forEach((name, term) -> sums.put("sum_" + name, sum(term)));
        List<Column> cellAggs = new ArrayList<>();
        List<Column> groupAggs = new ArrayList<>();
        sums.forEach((name, agg) -> {
            cellAggs.add(agg.as(name));
            groupAggs.add(sum(col(name)).as(name));
        });
        cellAggs.add(max(KNOWN_KIND_CODE).as("any_kind_code"));
        groupAggs.add(max(col("any_kind_code")).as("any_kind_code"));
        Dataset<Row> cells = Plans.detached(rows.groupBy(QualityRows.cellColumns(granularities, segments).stream()
                        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(cellAggs.get(0), cellAggs.subList(1, cellAggs.size()).toArray(Column[]::new)));
        List<Column> keys = new ArrayList<>();
        keys.add(col(GROUP_ID));
        QualityRows.GROUP_COLUMNS.forEach(c -> keys.add(col(c)));
        // end and date follow from the start and granularity: set per group, not carried on every row
        Dataset<Row> main = QualityRows.copies(cells, granularities, segments).groupBy(keys.toArray(Column[]::new))
                .agg(groupAggs.get(0), groupAggs.subList(1, groupAggs.size()).toArray(Column[]::new))
                .withColumn(WINDOW_END, QualityRows.windowEnd(granularities))
                .withColumn(WINDOW_DATE, QualityRows.windowDate());
        List<Column> cutoffs = new ArrayList<>();
        for (int k : ks) {
            Column n = col("n_rank");
            cutoffs.add(struct(lit(k).as(K),
                    col("sum_" + QualityRows.ndcgCol(k)).divide(n).as(NDCG),
                    col("sum_" + QualityRows.apCol(k)).divide(n).as(MAP),
                    col("sum_" + QualityRows.precisionCol(k)).divide(n).as(PRECISION),
                    col("sum_" + QualityRows.recallCol(k)).divide(n).as(RECALL)));
        }
        Column atK = cutoffs.isEmpty() ? lit(null).cast(org.apache.spark.sql.types.DataTypes.createArrayType(QualitySchemas.RANKING_CUTOFF))
                : when(col("n_rank").gt(0), array(cutoffs.toArray(Column[]::new)));
        return main.withColumn(RANKING_AT_K, atK);
    }

    /** Per-class values and their macro / support-weighted means, per group. */
    private static Dataset<Row> classAggregates(Dataset<Row> classes) {
        Column tp = col(TRUE_POSITIVES);
        Column counted = col(SUPPORT).isNotNull();
        // as MLlib: 0 when a class was never predicted (precision) or never actual (recall)
        Column precision = when(counted, when(col(PREDICTED).gt(0), tp.divide(col(PREDICTED))).otherwise(lit(0.0)));
        Column recall = when(counted, when(col(SUPPORT).gt(0), tp.divide(col(SUPPORT))).otherwise(lit(0.0)));
        Dataset<Row> perClass = classes
                .withColumn(PRECISION, precision)
                .withColumn(RECALL, recall)
                .withColumn(F1, when(counted, Cbpe.f1(col(PRECISION), col(RECALL))))
                .withColumn("p_ci", Wilson.of(col(PREDICTED), tp))
                .withColumn("r_ci", Wilson.of(col(SUPPORT), tp));
        Column element = struct(Arrays.stream(QualitySchemas.CLASS_METRIC.fieldNames()).map(name -> switch (name) {
            case PRECISION_CI_LOW -> col("p_ci." + Wilson.LOW).as(name);
            case PRECISION_CI_HIGH -> col("p_ci." + Wilson.HIGH).as(name);
            case RECALL_CI_LOW -> col("r_ci." + Wilson.LOW).as(name);
            case RECALL_CI_HIGH -> col("r_ci." + Wilson.HIGH).as(name);
            default -> col(name);
        }).toArray(Column[]::new));
        Column support = col(SUPPORT);
        return perClass.groupBy(GROUP_ID).agg(
                array_sort(collect_list(element)).as(CLASS_METRICS),
                avg(PRECISION).as(MACRO_PRECISION),
                avg(RECALL).as(MACRO_RECALL),
                avg(F1).as(MACRO_F1),
                sum(col(PRECISION).multiply(support)).divide(sum(support)).as(WEIGHTED_PRECISION),
                sum(col(RECALL).multiply(support)).divide(sum(support)).as(WEIGHTED_RECALL),
                sum(col(F1).multiply(support)).divide(sum(support)).as(WEIGHTED_F1));
    }

    private static Dataset<Row> finish(Dataset<Row> out, Params p, boolean withEstimates) {
        QualitySettings q = p.quality();
        Column nInf = col(NUM_INFERENCES);
        Column coverage = col(NUM_LABELED).divide(nInf);
        Column nCls = col("n_cls");
        Column nReg = col("n_reg");
        Column mse = col("sum_sq_err").divide(nReg);
        Column ssTot = col("var_actual").multiply(nReg.minus(1));
        Column kind = when(nCls.gt(0), lit(PredictionKinds.CLASSIFICATION))
                .when(nReg.gt(0), lit(PredictionKinds.REGRESSION))
                .when(col("n_rank").gt(0), lit(PredictionKinds.RANKING))
                .when(col("n_det").gt(0), lit(PredictionKinds.DETECTION))
                .otherwise(KNOWN_KIND_OF_CODE);
        List<Column> workspaceMap = new ArrayList<>();
        p.workspaceOfModel().forEach((model, ws) -> {
            workspaceMap.add(lit(model));
            workspaceMap.add(lit(ws));
        });
        Column workspace = workspaceMap.isEmpty() ? lit(p.defaultWorkspace())
                : coalesce(element_at(map(workspaceMap.toArray(Column[]::new)), col(MODEL_ID)), lit(p.defaultWorkspace()));
        Dataset<Row> d = out
                .withColumn("cov_ci", Wilson.of(nInf, col(NUM_LABELED)))
                .withColumn("acc_ci", Wilson.of(nCls, col("n_correct")));
        Column nullDouble = lit(null).cast("double");
        return d.select(Arrays.stream(QualitySchemas.MODEL_QUALITY.fieldNames()).map(name -> (switch (name) {
            case WORKSPACE -> workspace;
            case PREDICTION_KIND -> kind;
            case NUM_EVALUATED -> nCls.plus(nReg).plus(col("n_rank")).plus(col("n_det"));
            case LABEL_COVERAGE -> coverage;
            case LABEL_COVERAGE_CI_LOW -> col("cov_ci." + Wilson.LOW);
            case LABEL_COVERAGE_CI_HIGH -> col("cov_ci." + Wilson.HIGH);
            case LABEL_LAG_P50 -> element_at(col(LabelLags.LAG), 1);
            case LABEL_LAG_P95 -> element_at(col(LabelLags.LAG), 2);
            case PROVISIONAL -> coverage.lt(q.provisionalCoverage());
            case ACCURACY -> when(nCls.gt(0), col("n_correct").divide(nCls));
            case ACCURACY_CI_LOW -> col("acc_ci." + Wilson.LOW);
            case ACCURACY_CI_HIGH -> col("acc_ci." + Wilson.HIGH);
            case LOG_LOSS -> when(nCls.gt(0).and(col(ScoreCurves.LOSS_ROWS).equalTo(nCls)), col(ScoreCurves.LOSS_SUM).divide(col(ScoreCurves.LOSS_ROWS)));
            case MAE -> when(nReg.gt(0), col("sum_abs_err").divide(nReg));
            case MSE -> when(nReg.gt(0), mse);
            case RMSE -> when(nReg.gt(0), sqrt(mse));
            case MAPE -> when(col("n_ape").gt(0), col("sum_ape").divide(col("n_ape")));
            case R2 -> when(nReg.gt(1).and(ssTot.gt(0)), lit(1.0).minus(col("sum_sq_err").divide(ssTot)));
            case MEAN_ERROR -> when(nReg.gt(0), col("sum_err").divide(nReg));
            case MRR -> when(col("n_rank").gt(0), col("sum_" + QualityRows.RR).divide(col("n_rank")));
            case ESTIMATED_ACCURACY, ESTIMATED_MACRO_PRECISION, ESTIMATED_MACRO_RECALL, ESTIMATED_MACRO_F1 ->
                    withEstimates ? col(name) : nullDouble;
            case CBPE_REFERENCE_LABELS -> withEstimates ? col(name) : lit(null).cast("long");
            default -> col(name);
        }).cast(QualitySchemas.MODEL_QUALITY.apply(name).dataType()).as(name)).toArray(Column[]::new));
    }
}
