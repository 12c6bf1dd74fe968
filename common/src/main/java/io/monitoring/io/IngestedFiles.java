package io.monitoring.io;

import static io.monitoring.model.Columns.*;

import io.monitoring.model.Schemas;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The ledger of landing files ingest has read (the {@code ingested_files} table), the way a
 * streaming file source keeps its checkpoint: a run reads only the files whose (path, length,
 * modification time) is not in the ledger, so a daily run costs its new files, not the whole
 * landing history, and a run in a backfill does not read later days' files again. A file that
 * grows or is replaced has a new length or time and is read again; its records already ingested
 * are skipped by key. The ledger is written after the tables, so a crash in between only makes the
 * next run read those files once more.
 */
public final class IngestedFiles {
    private IngestedFiles() {}

    /** The listed files not yet read in this exact version, in listing order. */
    public static List<LandingFile> notYetIngested(SparkSession spark, String ledgerPath, List<LandingFile> listed) {
        if (listed.isEmpty() || !DeltaTableWriter.exists(spark, ledgerPath)) {
            return listed;
        }
        Set<String> done = new HashSet<>();
        for (Row r : spark.read().format("delta").load(ledgerPath)
                .select(SOURCE_FILE, FILE_LENGTH, FILE_MODIFIED_AT).collectAsList()) {
            done.add(key(r.getString(0), r.getLong(1), toMillis(r.get(2))));
        }
        List<LandingFile> fresh = new ArrayList<>();
        for (LandingFile f : listed) {
            if (!done.contains(key(f.path(), f.length(), f.modificationTimeMillis()))) {
                fresh.add(f);
            }
        }
        return fresh;
    }

    /** Records the files a run has read; a file version already in the ledger is kept once. */
    public static long record(SparkSession spark, String ledgerPath, List<LandingFile> files, String runId, Instant at) {
        if (files.isEmpty()) {
            DeltaTableWriter.ensure(spark, ledgerPath, Schemas.INGESTED_FILE, null);
            return 0;
        }
        List<Row> rows = new ArrayList<>(files.size());
        for (LandingFile f : files) {
            // Instants: sessions run with Spark's java.time API, as every table writer here does
            rows.add(RowFactory.create(f.path(), f.length(), Instant.ofEpochMilli(f.modificationTimeMillis()), runId, at));
        }
        return DeltaTableWriter.insertNew(spark, ledgerPath, Schemas.INGESTED_FILE,
                spark.createDataFrame(rows, Schemas.INGESTED_FILE), List.of(SOURCE_FILE, FILE_LENGTH, FILE_MODIFIED_AT), null, null);
    }

    private static String key(String path, long length, long modifiedMillis) {
        return path + '\n' + length + '\n' + modifiedMillis;
    }

    private static long toMillis(Object time) {
        if (time instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        return ((Timestamp) time).getTime();
    }
}
