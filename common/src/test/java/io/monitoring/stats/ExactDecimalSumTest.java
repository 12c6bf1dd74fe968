package io.monitoring.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.monitoring.model.Schemas;
import io.monitoring.testing.SharedSpark;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The exact sums equal Spark's {@code SUM(CAST(x AS DECIMAL(38, s)))} of the same doubles, value for value. */
class ExactDecimalSumTest {
    private static final StructType ONE_DOUBLE = new StructType().add("x", DataTypes.DoubleType, false);

    private static BigDecimal sparkSum(List<Double> values, DataType type) {
        List<Row> rows = new ArrayList<>();
        values.forEach(v -> rows.add(RowFactory.create(v)));
        return SharedSpark.get().createDataFrame(rows, ONE_DOUBLE).agg(sum(col("x").cast(type))).first().getDecimal(0);
    }

    private static BigDecimal exactSum(List<Double> values, DataType type) {
        int scale = ((DecimalType) type).scale();
        ExactDecimalSum sum = new ExactDecimalSum(scale);
        values.forEach(v -> sum.add(ExactDecimalSum.unscaled(v, scale)));
        return sum.value();
    }

    private static void assertSameAsSpark(List<Double> values) {
        for (DataType type : List.of(Schemas.CONFIDENCE_SUM_TYPE, Schemas.LATENCY_SUM_TYPE)) {
            BigDecimal spark = sparkSum(values, type);
            BigDecimal exact = exactSum(values, type);
            assertEquals(spark == null ? null : spark.stripTrailingZeros(), exact == null ? null : exact.stripTrailingZeros(),
                    () -> type + " of " + values);
        }
    }

    @Test
    void roundingHalfUpAtTheScaleAsSparksCast() {
        assertSameAsSpark(List.of(0.1, 0.2, 0.3));
        assertSameAsSpark(List.of(5e-19, -5e-19, 4.9e-19, 1.5e-18, -2.5e-18, 5e-13, -5e-13, 1e-300));
        assertSameAsSpark(List.of(-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE));
        assertSameAsSpark(List.of(0.123456789012345678, 0.987654321098765432, 1234.5678901234567));
    }

    @Test
    void largeValuesCarryAcrossTheLowWordAndValuesPast38DigitsAreSkipped() {
        // unscaled 9.2e18 and up: past one long at scale 18, so sums carry into the high word
        assertSameAsSpark(List.of(9.9, 9.9, 9.9, -30.0, 12345678.9, 1e19, -1e19, 3e19));
        // 1e20 at scale 18 needs 39 digits: null in the cast, skipped in the sum; at scale 12 it fits
        assertSameAsSpark(List.of(1e20, 1.0, -1e20));
        assertSameAsSpark(List.of(1e26, 2.5, 7e25));
        assertNull(exactSum(List.of(1e20), Schemas.CONFIDENCE_SUM_TYPE), "only skipped values: no sum");
        assertNull(new ExactDecimalSum(18).value(), "nothing added: no sum");
    }

    @Test
    void randomDoublesOfEveryMagnitude() {
        Random random = new Random(7);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double magnitude = Math.pow(10, random.nextInt(30) - 20);
            values.add((random.nextDouble() - 0.3) * magnitude);
        }
        assertSameAsSpark(values);
    }
}
