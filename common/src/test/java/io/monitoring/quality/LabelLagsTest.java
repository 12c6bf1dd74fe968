package io.monitoring.quality;

import static io.monitoring.model.Columns.MODEL_ID;
import static io.monitoring.quality.QualityColumns.LABEL_LAG_SECONDS;
import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.testing.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class LabelLagsTest {
    private static final StructType ROWS = new StructType()
            .add(MODEL_ID, DataTypes.StringType)
            .add(QualityRows.GROUP_IDS, DataTypes.createArrayType(DataTypes.LongType, true))
            .add(LABEL_LAG_SECONDS, DataTypes.DoubleType);

    @Test
    void nearestRankIsTheCeilingOfQTimesNthSmallest() {
        assertArrayEquals(new Double[] {3.0, 5.0}, LabelLags.nearestRanks(new double[] {5, 1, 4, 2, 3}, new double[] {0.5, 0.95}));
        assertArrayEquals(new Double[] {2.0, 4.0}, LabelLags.nearestRanks(new double[] {4, 3, 2, 1}, new double[] {0.5, 0.95}));
        assertArrayEquals(new Double[] {7.0, 7.0}, LabelLags.nearestRanks(new double[] {7}, new double[] {0.5, 0.95}));
        // ceil(0.95 * 20) = 19: the 19th smallest of 1..20
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = 20 - i;
        }
        assertArrayEquals(new Double[] {10.0, 19.0}, LabelLags.nearestRanks(twenty, new double[] {0.5, 0.95}));
        assertThrows(IllegalArgumentException.class, () -> LabelLags.nearestRanks(new double[0], new double[] {0.5}));
    }

    /**
     * Rows of two models over three partitions, each counted in a whole-model group and, when it
     * has one, a segment group (null otherwise), some groups with one row, one with several thousand:
     * every group's percentiles are those of its own lags, equal to percentile_approx's while its
     * summary holds every value.
     */
    @Test
    void eachGroupGetsThePercentilesOfItsOwnLags() {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        Map<Long, List<Double>> lagsOfGroup = new HashMap<>();
        for (int i = 0; i < 6000; i++) {
            String model = i % 3 == 0 ? "b" : "a";
            long whole = model.equals("a") ? 1L : 2L;
            Long segment = i % 5 == 0 ? null : (model.equals("a") ? 10L : 20L) + random.nextInt(4);
            if (i == 5999) {
                segment = 99L; // a group of one row
            }
            double lag = Math.floor(random.nextDouble() * 86_400) + (i % 7 == 0 ? 0.5 : 0);
            rows.add(RowFactory.create(model, new Long[] {whole, segment}, lag));
            lagsOfGroup.computeIfAbsent(whole, g -> new ArrayList<>()).add(lag);
            if (segment != null) {
                lagsOfGroup.computeIfAbsent(segment, g -> new ArrayList<>()).add(lag);
            }
        }
        Dataset<Row> input = SharedSpark.get().createDataFrame(rows, ROWS).repartition(3);
        Map<Long, List<Double>> got = new HashMap<>();
        for (Row r : LabelLags.percentiles(input, 2).collectAsList()) {
            assertNull(got.put(r.getLong(0), r.getList(1)), "one row per group");
        }
        assertEquals(lagsOfGroup.keySet(), got.keySet());
        lagsOfGroup.forEach((group, lags) -> {
            double[] values = lags.stream().mapToDouble(Double::doubleValue).toArray();
            assertEquals(List.of(LabelLags.nearestRanks(values, LabelLags.QUANTILES)), got.get(group), "group " + group);
        });
        // the value percentile_approx gives while its summary still holds every value
        List<Row> approx = input.select(explode(col(QualityRows.GROUP_IDS)).as(QualityRows.GROUP_ID), col(LABEL_LAG_SECONDS))
                .where(col(QualityRows.GROUP_ID).isNotNull())
                .groupBy(QualityRows.GROUP_ID)
                .agg(percentile_approx(col(LABEL_LAG_SECONDS), array(lit(0.5), lit(0.95)), lit(10_000)).as("lag"))
                .collectAsList();
        assertEquals(got.size(), approx.size());
        for (Row r : approx) {
            assertEquals(r.getList(1), got.get(r.getLong(0)), "group " + r.getLong(0));
        }
    }
}
