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
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * The partition profile bins values in Java; its answers must be Spark SQL's own for the same
 * values: {@code size(filter(edges, e -> e < value))}, {@code array_position} and the range test,
 * edge cases (NaN, -0.0, infinities) included.
 */
class ColumnBinsTest {
    private static final StructType SCHEMA = new StructType()
            .add("edges", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("value", DataTypes.DoubleType, false)
            .add("range_min", DataTypes.DoubleType, true)
            .add("range_max", DataTypes.DoubleType, true);
    private static final double[] VALUES = {-100, -1.5, -1.4999, -0.0, 0.0, 1e-300, 2.0, 2.25, 2.5, 10.0, 10.5, Double.NaN,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};

    @Test
    void numericCellsAndRangeAreSparkSqls() {
        List<List<Double>> edgeSets = List.of(List.of(), List.of(0.0), List.of(-1.5, 0.0, 2.0, 2.5, 10.0),
                List.of(-0.0, 1.0), List.of(Double.NEGATIVE_INFINITY, 0.0, Double.POSITIVE_INFINITY), List.of(0.0, Double.NaN));
        Double[][] ranges = {{null, null}, {-1.5, 2.5}, {0.0, null}, {null, Double.NaN}, {-0.0, 10.0}};
        List<Row> rows = new ArrayList<>();
        for (List<Double> edges : edgeSets) {
            for (double v : VALUES) {
                for (Double[] range : ranges) {
                    rows.add(RowFactory.create(edges, v, range[0], range[1]));
                }
            }
        }
        Dataset<Row> frame = SharedSpark.get().createDataFrame(rows, SCHEMA);

        List<Row> compared = frame.select(col("edges"), col("value"), col("range_min"), col("range_max"),
                        expr("size(filter(edges, e -> e < value))").as("cell"),
                        expr("CASE WHEN value < range_min OR value > range_max THEN true ELSE false END").as("out"))
                .collectAsList();

        assertEquals(rows.size(), compared.size());
        for (Row r : compared) {
            List<Double> edges = r.getList(0);
            ColumnBins bins = new ColumnBins(edges.stream().mapToDouble(Double::doubleValue).toArray(), null,
                    (Double) r.get(2), (Double) r.get(3));
            String where = "edges " + edges + ", value " + r.get(1) + ", range " + r.get(2) + ".." + r.get(3);
            assertEquals(r.getInt(4), bins.numericBin(r.getDouble(1)), where);
            assertEquals(r.getBoolean(5), bins.outOfRange(r.getDouble(1)), where);
        }
        assertEquals(3, ColumnBins.edgesBelow(new double[] {-1.5, 0.0, 2.0, 2.5}, 2.25));
        assertEquals(DriftColumns.BIN_UNBINNED, ColumnBins.NONE.numericBin(1.0));
    }

    @Test
    void aCategorysCellIsItsFirstPositionAsArrayPositionGives() {
        List<String> categories = new ArrayList<>(List.of("a", "b", "", "a", "é"));
        categories.add(2, null);
        Dataset<Row> frame = SharedSpark.get().createDataFrame(
                List.of(RowFactory.create("a"), RowFactory.create("b"), RowFactory.create(""), RowFactory.create("é"),
                        RowFactory.create("z"), RowFactory.create("A")),
                new StructType().add("cat", DataTypes.StringType, false));
        List<Row> compared = frame.select(col("cat"), expr("array_position(array('a', 'b', null, '', 'a', 'é'), cat)").as("cell"))
                .collectAsList();

        ColumnBins bins = new ColumnBins(null, categories, null, null);
        for (Row r : compared) {
            assertEquals(r.getLong(1), bins.categoryBin(UTF8String.fromString(r.getString(0))), r.getString(0));
        }
        assertEquals(DriftColumns.BIN_UNBINNED, ColumnBins.NONE.categoryBin(UTF8String.fromString("a")));
        assertEquals(7, bins.cells());
    }
}
