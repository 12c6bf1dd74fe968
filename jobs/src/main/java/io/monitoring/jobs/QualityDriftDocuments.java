package io.monitoring.jobs;

import static org.apache.spark.sql.functions.col;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.drift.DriftDocument;
import io.monitoring.io.AtomicFiles;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.io.PublishPaths;
import io.monitoring.model.Columns;
import io.monitoring.model.TableNames;
import io.monitoring.quality.QualityColumns;
import io.monitoring.quality.QualityDocument;
import io.monitoring.stats.HourlyWindows;
import io.monitoring.stats.InferenceStatsDocument;
import io.monitoring.stats.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The quality and drift documents of a publish run, beside the stats documents:
 * {@code <publish>/<workspace>/model-quality/daily/YYYY-MM-DD.json} (one per UTC day the window
 * touches, from the day-grain model_quality rows) and {@code <publish>/<workspace>/drift/<start>.json}
 * (one per drift window starting in the run's window). Each row set is small (one day's
 * aggregates), so it is collected once and grouped here; files are replaced atomically.
 */
final class QualityDriftDocuments {
    static final String QUALITY_FOLDER = "model-quality";
    static final String DRIFT_FOLDER = "drift";
    private static final DateTimeFormatter DAY_FILE = DateTimeFormatter.ofPattern("uuuu-MM-dd'.json'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter START_FILE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmm'.json'").withZone(ZoneOffset.UTC);

    private final SparkSession spark;
    private final MonitoringConfig config;
    private final Configuration hadoop;
    private final Path root;

    QualityDriftDocuments(SparkSession spark, MonitoringConfig config, Path root) {
        this.spark = spark;
        this.config = config;
        this.hadoop = spark.sparkContext().hadoopConfiguration();
        this.root = root;
    }

    /** Writes the documents of every safe workspace; returns how many files were written. */
    long publish(List<String> workspaces, TimeWindow window) {
        List<LocalDate> days = new ArrayList<>();
        for (TimeWindow day : HourlyWindows.daysTouched(window)) {
            days.add(LocalDate.ofInstant(day.start(), ZoneOffset.UTC));
        }
        return quality(workspaces, days) + drift(workspaces, window, days);
    }

    private long quality(List<String> workspaces, List<LocalDate> days) {
        String path = config.paths().table(TableNames.MODEL_QUALITY);
        if (!DeltaTableWriter.exists(spark, path)) {
            return 0;
        }
        List<Row> rows = spark.read().format("delta").load(path)
                .where(col(QualityColumns.WINDOW_DATE).isin(days.toArray()).and(col(Columns.GRANULARITY).equalTo("day")))
                .collectAsList();
        long written = 0;
        for (String ws : workspaces) {
            for (LocalDate day : days) {
                Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                List<Row> mine = rows.stream()
                        .filter(r -> ws.equals(r.getAs(Columns.WORKSPACE)) && start.equals(r.getAs(Columns.WINDOW_START)))
                        .toList();
                byte[] bytes = InferenceStatsDocument.toBytes(QualityDocument.build(ws, "day", start, start.plusSeconds(86_400), mine));
                AtomicFiles.write(hadoop, PublishPaths.resolve(root, ws, QUALITY_FOLDER, "daily", DAY_FILE.format(start)), bytes);
                written++;
            }
        }
        return written;
    }

    private long drift(List<String> workspaces, TimeWindow window, List<LocalDate> days) {
        String path = config.paths().table(TableNames.DRIFT_METRICS);
        if (!DeltaTableWriter.exists(spark, path)) {
            return 0;
        }
        List<Row> rows = spark.read().format("delta").load(path)
                .where(col(QualityColumns.WINDOW_DATE).isin(days.toArray()))
                .collectAsList();
        Map<String, Map<TimeWindow, List<Row>>> byWorkspace = new TreeMap<>();
        for (Row r : rows) {
            TimeWindow w = new TimeWindow(r.getAs(Columns.WINDOW_START), r.getAs(Columns.WINDOW_END));
            if (!window.contains(w.start())) {
                continue;
            }
            String ws = config.models().workspaceOf(r.getAs(Columns.MODEL_ID));
            byWorkspace.computeIfAbsent(ws, k -> new TreeMap<>(java.util.Comparator.comparing(TimeWindow::start)))
                    .computeIfAbsent(w, k -> new ArrayList<>()).add(r);
        }
        long written = 0;
        for (String ws : workspaces) {
            for (Map.Entry<TimeWindow, List<Row>> e : byWorkspace.getOrDefault(ws, Map.of()).entrySet()) {
                byte[] bytes = InferenceStatsDocument.toBytes(DriftDocument.build(ws, e.getKey(), e.getValue()));
                AtomicFiles.write(hadoop, PublishPaths.resolve(root, ws, DRIFT_FOLDER, START_FILE.format(e.getKey().start())), bytes);
                written++;
            }
        }
        return written;
    }
}
