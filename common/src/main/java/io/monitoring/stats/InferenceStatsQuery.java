package io.monitoring.stats;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.model.TableNames;
import io.monitoring.stats.GroupStats.Period;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The stats endpoint over {@code inference_stats}: never raw inferences. Any number of documents
 * (workspace, range, models, slice) are answered by one scan of the hourly rows, pruned by
 * event_date, joined to the small table of their periods and grouped once by (document, period,
 * level, model, class); the few merged groups are collected and each document is built by
 * {@link InferenceStatsDocument}.
 */
public final class InferenceStatsQuery {
    static final String DOC_ID = "doc_id";
    static final String PERIOD = "period";
    static final String PERIOD_START = "period_start";
    static final String PERIOD_END = "period_end";
    static final String DOC_WORKSPACE = "doc_workspace";
    static final String DOC_MODELS = "doc_models";
    static final String DOC_SLICE_KEY = "doc_slice_key";
    static final String DOC_SLICE_VALUE = "doc_slice_value";

    /** One row per (document, period): what each hourly stats row is matched against. */
    static final StructType PERIODS = new StructType(new StructField[] {
        DataTypes.createStructField(DOC_ID, DataTypes.IntegerType, false),
        DataTypes.createStructField(PERIOD, DataTypes.StringType, false),
        DataTypes.createStructField(DOC_WORKSPACE, DataTypes.StringType, false),
        DataTypes.createStructField(PERIOD_START, DataTypes.TimestampType, false),
        DataTypes.createStructField(PERIOD_END, DataTypes.TimestampType, false),
        DataTypes.createStructField(DOC_MODELS, DataTypes.createArrayType(DataTypes.StringType, false), true),
        DataTypes.createStructField(DOC_SLICE_KEY, DataTypes.StringType, true),
        DataTypes.createStructField(DOC_SLICE_VALUE, DataTypes.StringType, true),
    });

    private InferenceStatsQuery() {}

    /** The seed-002 document for one request; {@link InvalidStatsRequestException} for bad parameters. */
    public static ObjectNode document(SparkSession spark, MonitoringConfig config, InferenceStatsRequest request) {
        return documents(spark, config, List.of(request)).get(0);
    }

    /** The documents for many requests, in their order, from one aggregation. */
    public static List<ObjectNode> documents(SparkSession spark, MonitoringConfig config, List<InferenceStatsRequest> requests) {
        requests.forEach(r -> r.validate(config));
        List<List<GroupStats>> groups = new ArrayList<>();
        requests.forEach(r -> groups.add(new ArrayList<>()));
        String table = config.paths().table(TableNames.INFERENCE_STATS);
        if (!requests.isEmpty() && DeltaTableWriter.exists(spark, table)) {
            Dataset<Row> stats = spark.read().format("delta").load(table);
            for (Row r : groupStats(stats, periods(spark, requests), requests).collectAsList()) {
                groups.get(r.getInt(r.fieldIndex(DOC_ID))).add(toGroupStats(r));
            }
        }
        List<ObjectNode> docs = new ArrayList<>();
        groups.forEach(g -> docs.add(InferenceStatsDocument.build(g)));
        return docs;
    }

    /**
     * Merged aggregates per (doc_id, period, level, model_id, predicted_class): sums of the counts,
     * sorted distinct serving facts and, for class rows of the current period, the median of the
     * merged confidence sketches. Pure: the hourly stats and the periods in, groups out.
     */
    public static Dataset<Row> groupStats(Dataset<Row> stats, Dataset<Row> periods, List<InferenceStatsRequest> requests) {
        Column inPeriod = col(WORKSPACE).equalTo(col(DOC_WORKSPACE))
                .and(col(WINDOW_START).geq(col(PERIOD_START)))
                .and(col(WINDOW_START).lt(col(PERIOD_END)))
                .and(col(DOC_MODELS).isNull().or(array_contains(col(DOC_MODELS), col(MODEL_ID))))
                .and(col(SLICE_KEY).eqNullSafe(col(DOC_SLICE_KEY)))
                .and(col(SLICE_VALUE).eqNullSafe(col(DOC_SLICE_VALUE)));
        Column medianSketch = when(col(PERIOD).equalTo(lit(Period.CURRENT.name()))
                        .and(col(LEVEL).equalTo(lit(InferenceStatsAggregation.LEVEL_CLASS)))
                        .and(col(CONFIDENCE_SKETCH).isNotNull()),
                struct(col(WINDOW_START), col(MODEL_VERSION), col(CONFIDENCE_SKETCH)));
        return pruned(stats, requests)
                .join(broadcast(periods), inPeriod)
                .groupBy(col(DOC_ID), col(PERIOD), col(LEVEL), col(MODEL_ID), col(PREDICTED_CLASS))
                .agg(
                        sum(col(NUM_INFERENCES)).as(NUM_INFERENCES),
                        sum(col(NUM_ERRORS)).as(NUM_ERRORS),
                        sum(col(CLASS_COUNT)).as(CLASS_COUNT),
                        sum(col(CONFIDENCE_SUM)).as(CONFIDENCE_SUM),
                        sum(col(CONFIDENCE_COUNT)).as(CONFIDENCE_COUNT),
                        sum(col(LATENCY_SUM_MS)).as(LATENCY_SUM_MS),
                        sum(col(LATENCY_COUNT)).as(LATENCY_COUNT),
                        // sorted by (hour, version) so the merge, and so the median, never depends on task order
                        medianOfSketches(transform(array_sort(collect_list(medianSketch)),
                                s -> s.getField(CONFIDENCE_SKETCH))).as(MEDIAN_CONFIDENCE),
                        array_sort(array_distinct(flatten(collect_list(col(DEPLOYMENT_TYPES))))).as(DEPLOYMENT_TYPES),
                        array_sort(array_distinct(flatten(collect_list(col(SERVER_VERSIONS))))).as(SERVER_VERSIONS));
    }

    /**
     * The hourly rows any of the requests can use: their workspaces, and the event_date partitions
     * from the earliest previous period to the latest range (Delta prunes the other partitions).
     */
    public static Dataset<Row> pruned(Dataset<Row> stats, List<InferenceStatsRequest> requests) {
        Instant first = requests.stream().map(r -> r.previousRange().start()).min(Instant::compareTo).orElseThrow();
        Instant last = requests.stream().map(r -> r.range().end()).max(Instant::compareTo).orElseThrow();
        LocalDate firstDate = LocalDate.ofInstant(first, ZoneOffset.UTC);
        LocalDate lastDate = LocalDate.ofInstant(last.minus(Duration.ofHours(1)), ZoneOffset.UTC);
        Object[] workspaces = new TreeSet<>(requests.stream().map(InferenceStatsRequest::workspace).toList()).toArray();
        return stats
                .filter(col(EVENT_DATE).geq(lit(firstDate)).and(col(EVENT_DATE).leq(lit(lastDate))))
                .filter(col(WINDOW_START).geq(lit(first)).and(col(WINDOW_START).lt(lit(last))))
                .filter(col(WORKSPACE).isin(workspaces));
    }

    static Dataset<Row> periods(SparkSession spark, List<InferenceStatsRequest> requests) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            InferenceStatsRequest r = requests.get(i);
            Object models = r.models().isEmpty() ? null : JavaConverters.asScalaBuffer(r.models()).toList();
            String sliceKey = r.slice() == null ? null : r.slice().key();
            String sliceValue = r.slice() == null ? null : r.slice().value();
            rows.add(RowFactory.create(i, Period.CURRENT.name(), r.workspace(), r.range().start(), r.range().end(),
                    models, sliceKey, sliceValue));
            rows.add(RowFactory.create(i, Period.PREVIOUS.name(), r.workspace(), r.previousRange().start(),
                    r.previousRange().end(), models, sliceKey, sliceValue));
        }
        return spark.createDataFrame(rows, PERIODS);
    }

    private static Column medianOfSketches(Column sketches) {
        UserDefinedFunction median = functions.udf(
                (UDF1<Seq<byte[]>, Double>) s -> KllSketches.mergedMedian(JavaConverters.seqAsJavaList(s)),
                DataTypes.DoubleType);
        return median.apply(sketches);
    }

    private static GroupStats toGroupStats(Row r) {
        return new GroupStats(
                Period.valueOf(r.getString(r.fieldIndex(PERIOD))),
                r.getString(r.fieldIndex(LEVEL)),
                r.getString(r.fieldIndex(MODEL_ID)),
                r.getString(r.fieldIndex(PREDICTED_CLASS)),
                r.getLong(r.fieldIndex(NUM_INFERENCES)),
                r.getLong(r.fieldIndex(NUM_ERRORS)),
                r.getLong(r.fieldIndex(CLASS_COUNT)),
                r.getDecimal(r.fieldIndex(CONFIDENCE_SUM)),
                r.getLong(r.fieldIndex(CONFIDENCE_COUNT)),
                r.getDecimal(r.fieldIndex(LATENCY_SUM_MS)),
                r.getLong(r.fieldIndex(LATENCY_COUNT)),
                r.isNullAt(r.fieldIndex(MEDIAN_CONFIDENCE)) ? null : r.getDouble(r.fieldIndex(MEDIAN_CONFIDENCE)),
                r.getList(r.fieldIndex(DEPLOYMENT_TYPES)),
                r.getList(r.fieldIndex(SERVER_VERSIONS)));
    }
}
