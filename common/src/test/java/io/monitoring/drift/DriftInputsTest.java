package io.monitoring.drift;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.monitoring.testing.SharedSpark;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The drift job keeps the latest actuals of all inferences when it builds a reference and narrows
 * them to a window's "from this day on" afterwards; that has to give the rows it would get by
 * narrowing the actuals first.
 */
class DriftInputsTest {
    private static final StructType ACTUALS = new StructType()
            .add(MODEL_ID, "string", false).add(INFERENCE_ID, "string", false)
            .add(ACTUAL_TIME, "timestamp", false).add(ACTUAL_DATE, "date", false)
            .add(ACTUAL_KIND, "string", false).add(ACTUAL_LABEL, "string", true).add(ACTUAL_VALUE, "double", true);
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-02-01");

    @Test
    void latestOfAllNarrowedToADayIsTheLatestOfThatDaysActuals() {
        SparkSession spark = SharedSpark.get();
        Random rnd = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int actuals = 1 + rnd.nextInt(4);
            for (int a = 0; a < actuals; a++) {
                // distinct times (no ties, whose pick max_by leaves open) over six days
                Instant time = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(rnd.nextInt(6 * 86_400) * 10L + a);
                rows.add(RowFactory.create("m" + (i % 3), "i" + i, time, Date.valueOf(time.atZone(ZoneOffset.UTC).toLocalDate()),
                        "label", "c" + rnd.nextInt(5), a % 2 == 0 ? null : rnd.nextDouble()));
            }
        }
        Dataset<Row> actuals = spark.createDataFrame(rows, ACTUALS);
        Dataset<Row> latestOfAll = DriftInputs.latestActuals(actuals).cache();
        try {
            for (int d = 0; d <= 6; d++) {
                Date day = Date.valueOf(FIRST_DAY.plusDays(d));
                Set<String> narrowedAfter = strings(latestOfAll.where(col(ACTUAL_DATE).geq(lit(day))));
                Set<String> narrowedFirst = strings(DriftInputs.latestActuals(actuals.where(col(ACTUAL_DATE).geq(lit(day)))));
                assertEquals(narrowedFirst, narrowedAfter, "from " + day);
                if (d > 0 && d < 6) {
                    assertTrue(narrowedAfter.size() < 200 && !narrowedAfter.isEmpty(), "the cut at " + day + " drops some inferences");
                }
            }
        } finally {
            latestOfAll.unpersist();
        }
    }

    private static Set<String> strings(Dataset<Row> latest) {
        Set<String> out = new TreeSet<>();
        for (Row r : latest.collectAsList()) {
            out.add(r.mkString("|"));
        }
        return out;
    }
}
