package io.monitoring.io;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Iterator;

/**
 * What changed in a Delta table between two versions, read from its transaction log (no data
 * scan): the partition values of the files added. Incremental jobs pin the version they read,
 * record it in pipeline_runs, and next time recompute only the partitions added since.
 */
public final class DeltaChanges {
    private DeltaChanges() {}

    /** A data file a commit added: its partition values and Delta's per-file statistics (JSON, may be null). */
    public record AddedFile(Map<String, String> partitionValues, String stats) {}

    public static long latestVersion(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
    }

    /**
     * Values of {@code partitionColumn} of the files added in versions {@code (afterVersion, toVersion]};
     * empty when that part of the log is no longer available (the caller then recomputes everything).
     */
    public static Optional<Set<String>> addedPartitions(SparkSession spark, String path, long afterVersion, long toVersion,
            String partitionColumn) {
        return adds(spark, path, afterVersion, toVersion).map(adds -> {
            Set<String> out = new TreeSet<>();
            for (AddFile add : adds) {
                scala.Option<String> value = add.partitionValues().get(partitionColumn);
                if (value.isDefined() && value.get() != null) {
                    out.add(value.get());
                }
            }
            return out;
        });
    }

    /**
     * The files that changed data in versions {@code (afterVersion, toVersion]} (compaction's
     * rewrites, {@code dataChange = false}, are left out); empty when that part of the log is gone.
     */
    public static Optional<List<AddedFile>> addedDataFiles(SparkSession spark, String path, long afterVersion, long toVersion) {
        return adds(spark, path, afterVersion, toVersion).map(adds -> adds.stream()
                .filter(AddFile::dataChange)
                .map(add -> new AddedFile(new HashMap<>(JavaConverters.mapAsJavaMap(add.partitionValues())), add.stats()))
                .toList());
    }

    private static Optional<List<AddFile>> adds(SparkSession spark, String path, long afterVersion, long toVersion) {
        List<AddFile> out = new ArrayList<>();
        if (toVersion <= afterVersion) {
            return Optional.of(out);
        }
        try {
            Iterator<Tuple2<Object, scala.collection.Seq<Action>>> changes =
                    DeltaLog.forTable(spark, path).getChanges(afterVersion + 1, true);
            while (changes.hasNext()) {
                Tuple2<Object, scala.collection.Seq<Action>> commit = changes.next();
                if ((Long) commit._1() > toVersion) {
                    break;
                }
                scala.collection.Iterator<Action> actions = commit._2().iterator();
                while (actions.hasNext()) {
                    if (actions.next() instanceof AddFile add) {
                        out.add(add);
                    }
                }
            }
            return Optional.of(out);
        } catch (RuntimeException logGone) {
            return Optional.empty();
        }
    }
}
