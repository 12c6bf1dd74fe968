package io.monitoring.io;

import io.delta.tables.DeltaTable;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * What changed in a Delta table between two versions, read from its transaction log (no data
 * scan): the partition values of the files added. Incremental jobs pin the version they read,
 * record it in pipeline_runs, and next time recompute only the partitions added since.
 */
public final class DeltaChanges {
    private DeltaChanges() {}

    public static long latestVersion(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
    }

    /**
     * Values of {@code partitionColumn} of the files added in versions {@code (afterVersion, toVersion]};
     * empty when that part of the log is no longer available (the caller then recomputes everything).
     */
    public static Optional<Set<String>> addedPartitions(SparkSession spark, String path, long afterVersion, long toVersion,
            String partitionColumn) {
        Set<String> out = new TreeSet<>();
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
                        scala.Option<String> value = add.partitionValues().get(partitionColumn);
                        if (value.isDefined() && value.get() != null) {
                            out.add(value.get());
                        }
                    }
                }
            }
            return Optional.of(out);
        } catch (RuntimeException logGone) {
            return Optional.empty();
        }
    }
}
