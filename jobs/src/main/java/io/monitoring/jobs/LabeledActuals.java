package io.monitoring.jobs;

import static io.monitoring.model.Columns.ACTUAL_DATE;
import static io.monitoring.quality.QualityColumns.HAS_ACTUAL;
import static org.apache.spark.sql.functions.col;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.DeltaChanges;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.io.PipelineRunHistory;
import io.monitoring.model.TableNames;
import io.monitoring.quality.LabelJoin;
import io.monitoring.quality.QualityTables;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The actual of each inference as the drift job reads it: the labelled rows of
 * {@code labeled_inferences} ({@link LabelJoin}: the latest actual within the label window), the
 * same definition the quality job uses. They are read from the table when the last succeeded
 * join-labels run read the versions of {@code inferences} and {@code actuals} that are current
 * now, so the table holds exactly that join; otherwise (no join run yet, or new records since)
 * the same join is computed from the two tables. Reading the table spares aggregating every
 * actual and shuffling both sides of the join.
 */
final class LabeledActuals {
    private final SparkSession spark;
    private final MonitoringConfig config;
    private final boolean hasActuals;
    private final boolean tableIsCurrent;

    private LabeledActuals(SparkSession spark, MonitoringConfig config, boolean hasActuals, boolean tableIsCurrent) {
        this.spark = spark;
        this.config = config;
        this.hasActuals = hasActuals;
        this.tableIsCurrent = tableIsCurrent;
    }

    /** Checks once whether {@code labeled_inferences} is current; a run reads all its windows the same way. */
    static LabeledActuals open(SparkSession spark, MonitoringConfig config) {
        boolean hasActuals = DeltaTableWriter.exists(spark, config.paths().table(TableNames.ACTUALS));
        return new LabeledActuals(spark, config, hasActuals, hasActuals && isCurrent(spark, config));
    }

    /** True when the rows come from the {@code labeled_inferences} table rather than a join computed here. */
    boolean readsTable() {
        return tableIsCurrent;
    }

    /**
     * The labelled inferences among those {@code filter} selects (a condition on model_id,
     * environment, event_date or event_time), with every column of
     * {@link io.monitoring.quality.QualitySchemas#LABELED_INFERENCE}; null without an actuals table.
     *
     * @param firstDay first event date the filter can select (null: any), bounds the actuals read for the join
     * @param lastDay last event date the filter can select (null: any)
     */
    Dataset<Row> of(Column filter, LocalDate firstDay, LocalDate lastDay) {
        if (!hasActuals) {
            return null;
        }
        if (tableIsCurrent) {
            return read(QualityTables.LABELED_INFERENCES).where(filter).where(col(HAS_ACTUAL));
        }
        Duration labelWindow = config.quality().labelWindow();
        Dataset<Row> actuals = read(TableNames.ACTUALS);
        if (firstDay != null && lastDay != null) {
            actuals = actuals.where(LabelJoin.reachableDates(ACTUAL_DATE, firstDay, lastDay, labelWindow));
        }
        return LabelJoin.labeledInferences(read(TableNames.INFERENCES).where(filter), actuals, labelWindow).where(col(HAS_ACTUAL));
    }

    private Dataset<Row> read(String table) {
        return spark.read().format("delta").load(config.paths().table(table));
    }

    private static boolean isCurrent(SparkSession spark, MonitoringConfig config) {
        if (!DeltaTableWriter.exists(spark, config.paths().table(QualityTables.LABELED_INFERENCES))) {
            return false;
        }
        Optional<Map<String, Long>> last = PipelineRunHistory.lastSucceededMetrics(spark,
                config.paths().table(TableNames.PIPELINE_RUNS), JoinLabelsJob.NAME);
        if (last.isEmpty()) {
            return false;
        }
        Long inferences = last.get().get(JoinLabelsJob.INFERENCES_VERSION);
        Long actuals = last.get().get(JoinLabelsJob.ACTUALS_VERSION);
        return inferences != null && actuals != null
                && inferences == DeltaChanges.latestVersion(spark, config.paths().table(TableNames.INFERENCES))
                && actuals == DeltaChanges.latestVersion(spark, config.paths().table(TableNames.ACTUALS));
    }
}
