package io.monitoring.quality;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/** Equi-joins on same-named, non-null key columns (the key appears once in the result). */
final class Joins {
    private Joins() {}

    static Dataset<Row> using(Dataset<Row> left, Dataset<Row> right, List<String> keys, String joinType) {
        return left.join(right, JavaConverters.asScalaBuffer(keys).toSeq(), joinType);
    }
}
