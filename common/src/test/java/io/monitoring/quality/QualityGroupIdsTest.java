package io.monitoring.quality;

import static io.monitoring.model.Columns.NUM_INFERENCES;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The group id is a hash: groups that share one fail the query instead of having their metrics merged. */
class QualityGroupIdsTest {
    private static final StructType MAIN = new StructType()
            .add(QualityRows.GROUP_ID, DataTypes.LongType)
            .add("model_id", DataTypes.StringType)
            .add(NUM_INFERENCES, DataTypes.LongType);

    private static Dataset<Row> main(List<Row> rows) {
        return SharedSpark.get().createDataFrame(rows, MAIN);
    }

    @Test
    void uniqueIdsPassThroughUnchanged() {
        List<Row> got = QualityMetrics.withUniqueGroupIds(main(List.of(RowFactory.create(1L, "a", 10L), RowFactory.create(2L, "b", 20L))))
                .orderBy(QualityRows.GROUP_ID).collectAsList();
        assertEquals(List.of(RowFactory.create(1L, "a", 10L), RowFactory.create(2L, "b", 20L)), got);
    }

    @Test
    void twoGroupsSharingAnIdFailTheQuery() {
        Dataset<Row> shared = QualityMetrics.withUniqueGroupIds(main(List.of(RowFactory.create(7L, "a", 10L), RowFactory.create(7L, "b", 20L))));
        Exception e = assertThrows(Exception.class, shared::collectAsList);
        String messages = "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages += t.getMessage() + "\n";
        }
        assertTrue(messages.contains("quality groups share the group_id hash 7"), messages);
    }

    @Test
    void theIdTellsTheGroupColumnsApartIncludingNulls() {
        // Spark's xxhash64 alone skips nulls: (x, null) and (null, x) would share an id
        StructType keys = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType);
        List<Row> ids = SharedSpark.get().createDataFrame(List.of(RowFactory.create(null, null), RowFactory.create("x", null),
                        RowFactory.create(null, "x"), RowFactory.create("x", "x")), keys)
                .select(QualityRows.groupId(List.of(col("a"), col("b"))))
                .distinct().collectAsList();
        assertEquals(4, ids.size());
    }
}
