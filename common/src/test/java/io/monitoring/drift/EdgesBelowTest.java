package io.monitoring.drift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.monitoring.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The binary search gives Spark's own {@code size(filter(edges, e -> e < value))} for every value, edge case or not. */
class EdgesBelowTest {
    private static final StructType SCHEMA = new StructType()
            .add("edges", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add("value", DataTypes.DoubleType, true);

    @Test
    void countsTheEdgesStrictlyBelowAsSparkDoes() {
        List<List<Double>> edgeSets = List.of(List.of(), List.of(0.0), List.of(-1.5, 0.0, 2.0, 2.5, 10.0),
                List.of(-0.0, 1.0), List.of(Double.NEGATIVE_INFINITY, 0.0, Double.POSITIVE_INFINITY));
        double[] values = {-100, -1.5, -1.4999, -0.0, 0.0, 1e-300, 2.0, 2.25, 2.5, 10.0, 10.5, Double.NaN,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        List<Row> rows = new ArrayList<>();
        for (List<Double> edges : edgeSets) {
            for (double v : values) {
                rows.add(RowFactory.create(edges, v));
            }
            rows.add(RowFactory.create(edges, null));
        }
        rows.add(RowFactory.create(null, 1.0));
        Dataset<Row> frame = SharedSpark.get().createDataFrame(rows, SCHEMA);

        List<Row> compared = frame.select(col("edges"), col("value"),
                        expr("CASE WHEN edges IS NULL OR value IS NULL THEN NULL ELSE size(filter(edges, e -> e < value)) END").as("spark"),
                        EdgesBelow.of(col("edges"), col("value")).as("search"))
                .collectAsList();

        assertEquals(rows.size(), compared.size());
        for (Row r : compared) {
            assertEquals(r.get(2), r.get(3), () -> "edges " + r.get(0) + ", value " + r.get(1));
        }
        assertEquals(3, EdgesBelow.of(scala.collection.JavaConverters.asScalaBuffer(List.<Object>of(-1.5, 0.0, 2.0, 2.5)).toSeq(), 2.25));
    }
}
