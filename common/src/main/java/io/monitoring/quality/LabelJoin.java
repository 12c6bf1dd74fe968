package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.apache.spark.sql.functions.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The join of inferences with their actuals: pure Dataset functions, no I/O.
 *
 * <p>An actual labels an inference with the same (model_id, inference_id) when
 * |actual_time - event_time| is at most the label window. Among those, the latest (by actual_time,
 * then landed_at, then actual_id) wins, so a corrected actual replaces an earlier one and repeated
 * deliveries of the same actual change nothing. Landing order plays no part: an actual that landed
 * before its inference joins as soon as the inference is in the inferences table.
 */
public final class LabelJoin {
    private static final String LATEST = "latest";

    private LabelJoin() {}

    /**
     * A predicate (SQL) on {@code dateColumn} of one side of the join that keeps every row the rows
     * of the other side dated {@code first..last} can meet: a date is its timestamp's UTC date and
     * the two timestamps are at most the label window apart, so the window's days (rounded up) and
     * one more on either side.
     */
    public static String reachableDates(String dateColumn, LocalDate first, LocalDate last, Duration labelWindow) {
        long days = DateSets.ceilDays(labelWindow) + 1;
        return DateSets.betweenPredicate(dateColumn, first.minusDays(days), last.plusDays(days));
    }

    /** Inferences (Schemas.INFERENCE) and actuals (Schemas.ACTUAL) to rows of {@link QualitySchemas#LABELED_INFERENCE}. */
    public static Dataset<Row> labeledInferences(Dataset<Row> inferences, Dataset<Row> actuals, Duration labelWindow) {
        long windowMicros = labelWindow.toNanos() / 1_000L;
        Dataset<Row> keys = inferences.select(col(MODEL_ID), col(INFERENCE_ID), col(EVENT_TIME));
        Dataset<Row> candidates = actuals.alias("a")
                .join(keys.alias("i"), col("a." + MODEL_ID).equalTo(col("i." + MODEL_ID))
                        .and(col("a." + INFERENCE_ID).equalTo(col("i." + INFERENCE_ID)))
                        .and(abs(unix_micros(col("a." + ACTUAL_TIME)).minus(unix_micros(col("i." + EVENT_TIME))))
                                .leq(lit(windowMicros))))
                .select(col("a.*"));
        // max over a struct led by (actual_time, landed_at, actual_id) is "the latest actual" in one aggregation
        Dataset<Row> latest = candidates.groupBy(col(MODEL_ID), col(INFERENCE_ID)).agg(
                max(struct(col(ACTUAL_TIME), col(LANDED_AT).as(ACTUAL_LANDED_AT), col(ACTUAL_ID), col(ACTUAL_KIND),
                        col(ACTUAL_LABEL), col(ACTUAL_VALUE), col(ACTUAL_ITEMS), col(ACTUAL_RELEVANCE), col(ACTUAL_CLASSES)))
                        .as(LATEST),
                count(lit(1)).as(NUM_ACTUALS));
        Dataset<Row> joined = Joins.using(inferences, latest, List.of(MODEL_ID, INFERENCE_ID), "left");
        Column lag = unix_micros(col(LATEST + "." + ACTUAL_TIME)).minus(unix_micros(col(EVENT_TIME))).divide(1e6);
        return joined.select(Arrays.stream(QualitySchemas.LABELED_INFERENCE.fieldNames()).map(name -> switch (name) {
            case HAS_ACTUAL -> col(LATEST).isNotNull().as(HAS_ACTUAL);
            case NUM_ACTUALS -> coalesce(col(NUM_ACTUALS), lit(0L)).as(NUM_ACTUALS);
            case LABEL_LAG_SECONDS -> lag.as(LABEL_LAG_SECONDS);
            case ACTUAL_ID, ACTUAL_TIME, ACTUAL_KIND, ACTUAL_LABEL, ACTUAL_VALUE, ACTUAL_ITEMS, ACTUAL_RELEVANCE,
                    ACTUAL_CLASSES, ACTUAL_LANDED_AT -> col(LATEST + "." + name).as(name);
            default -> col(name);
        }).toArray(Column[]::new));
    }

    /** Actual records whose (model_id, inference_id) has no inference at all: rows of {@link QualitySchemas#ORPHAN_ACTUAL}. */
    public static Dataset<Row> orphanActuals(Dataset<Row> actuals, Dataset<Row> inferences) {
        Dataset<Row> keys = inferences.select(col(MODEL_ID), col(INFERENCE_ID));
        return actuals.alias("a")
                .join(keys.alias("i"), col("a." + MODEL_ID).equalTo(col("i." + MODEL_ID))
                        .and(col("a." + INFERENCE_ID).equalTo(col("i." + INFERENCE_ID))), "left_anti")
                .select(Arrays.stream(QualitySchemas.ORPHAN_ACTUAL.fieldNames()).map(n -> col("a." + n).as(n)).toArray(Column[]::new));
    }

    /**
     * Event dates of the inferences that the given actuals can label (same key, inside the label
     * window): the labelled partitions that change when these actuals arrive.
     */
    public static Dataset<Row> affectedEventDates(Dataset<Row> inferences, Dataset<Row> actuals, Duration labelWindow) {
        long windowMicros = labelWindow.toNanos() / 1_000L;
        return inferences.alias("i")
                .join(actuals.alias("a"), col("a." + MODEL_ID).equalTo(col("i." + MODEL_ID))
                        .and(col("a." + INFERENCE_ID).equalTo(col("i." + INFERENCE_ID)))
                        .and(abs(unix_micros(col("a." + ACTUAL_TIME)).minus(unix_micros(col("i." + EVENT_TIME))))
                                .leq(lit(windowMicros))), "left_semi")
                .select(col(EVENT_DATE)).distinct();
    }
}
