package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.stats.TimeWindow;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Tells the person at the terminal what a local run did and where every result is. */
final class RunReport {
    private static final int MAX_LISTED_DOCUMENTS = 12;

    private final SparkSession spark;
    private final MonitoringConfig config;
    private final PrintStream out;

    RunReport(SparkSession spark, MonitoringConfig config, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.out = out;
    }

    void print(List<PipelineRun> runs, TimeWindow window) {
        out.println();
        out.println("== model-monitoring local run ==");
        for (PipelineRun run : runs) {
            out.println("  " + run.summary());
        }
        if (window != null) {
            out.println("  stats window: " + window);
        }
        out.println();
        out.println("Delta tables (query with spark.read.format(\"delta\").load(PATH)):");
        for (String table : TableNames.ALL) {
            String path = config.paths().table(table);
            if (DeltaTableWriter.exists(spark, path)) {
                long rows = spark.read().format("delta").load(path).count();
                out.printf("  %-16s %9d rows  %s%n", table, rows, qualified(path));
            }
        }
        printQuarantineReasons();
        out.println();
        out.println("Published JSON under " + qualified(config.paths().publish()) + ":");
        List<String> docs = publishedDocuments();
        for (int i = 0; i < Math.min(docs.size(), MAX_LISTED_DOCUMENTS); i++) {
            out.println("  " + docs.get(i));
        }
        if (docs.size() > MAX_LISTED_DOCUMENTS) {
            out.println("  ... and " + (docs.size() - MAX_LISTED_DOCUMENTS) + " more");
        }
    }

    private void printQuarantineReasons() {
        String path = config.paths().table(TableNames.QUARANTINE);
        if (!DeltaTableWriter.exists(spark, path)) {
            return;
        }
        List<Row> reasons = spark.read().format("delta").load(path).groupBy(REASON).count().orderBy(REASON).collectAsList();
        if (!reasons.isEmpty()) {
            StringBuilder b = new StringBuilder("  quarantined by reason:");
            for (Row r : reasons) {
                b.append(' ').append(r.getString(0)).append('=').append(r.getLong(1));
            }
            out.println(b);
        }
    }

    private List<String> publishedDocuments() {
        List<String> docs = new ArrayList<>();
        try {
            Path root = new Path(config.paths().publish());
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                return docs;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                String p = it.next().getPath().toString();
                if (p.endsWith(".json")) {
                    docs.add(p);
                }
            }
        } catch (IOException e) {
            docs.add("(cannot list: " + e.getMessage() + ")");
        }
        docs.sort(String::compareTo);
        return docs;
    }

    private String qualified(String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
        } catch (IOException e) {
            return path;
        }
    }
}
