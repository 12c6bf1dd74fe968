package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What ingest learns of a batch of parsed rows before it writes, in one pass over them: how many
 * records were read, and per kind of row (inference, actual, quarantine) how many there are, how
 * many of their keys were delivered more than once, and the dates they fall on (the partitions
 * their inserts may meet).
 *
 * <p>One pass, not one per question: each pass decodes the whole cached batch again. Each parsed
 * row becomes entries for each kind it holds (an inference may carry its actual inline) and for
 * "read", one keyed by the record's key and one by its date; one aggregation counts the entries
 * per key and per date, so only keys and dates are shuffled, and a second sums them per kind.
 */
public record BatchCensus(long read, Kind inferences, Kind actuals, Kind quarantine) {

    /** One kind of row in the batch. {@code dates}: its partition values, sorted (none for quarantine). */
    public record Kind(long records, long repeatedKeys, List<String> dates) {
        static final Kind NONE = new Kind(0, 0, List.of());
    }

    private static final String NOTHING = "CAST(NULL AS STRING)";

    /**
     * Each parsed row as entries: per kind it holds, one under its key and one under its date
     * (what GROUPING SETS would expand to; written out because the Dataset API of Spark 3.5 has no
     * grouping sets and a temporary view would, when dropped, drop the batch's cache with it).
     */
    private static final String ENTRIES = "explode(array("
            + entries("'read'", NOTHING, NOTHING, NOTHING, "true")
            + ", " + entries("'inference'", field(INFERENCE, MODEL_ID), field(INFERENCE, INFERENCE_ID),
                    "CAST(" + field(INFERENCE, EVENT_DATE) + " AS STRING)", INFERENCE + " IS NOT NULL")
            + ", " + entries("'actual'", field(ACTUAL, ACTUAL_ID), NOTHING,
                    "CAST(" + field(ACTUAL, ACTUAL_DATE) + " AS STRING)", ACTUAL + " IS NOT NULL")
            + ", " + entries("'quarantine'", field(QUARANTINE, QUARANTINE_ID), NOTHING, NOTHING, QUARANTINE + " IS NOT NULL")
            + ")) AS e";

    private static String field(String struct, String name) {
        return struct + "." + name;
    }

    private static String entries(String kind, String k1, String k2, String date, String present) {
        return entry(present, kind, "false", k1, k2, NOTHING) + ", " + entry(present, kind, "true", NOTHING, NOTHING, date);
    }

    private static String entry(String present, String kind, String byDate, String k1, String k2, String date) {
        return "IF(" + present + ", named_struct('kind', " + kind + ", 'by_date', " + byDate + ", 'k1', " + k1
                + ", 'k2', " + k2 + ", 'd', " + date + "), NULL)";
    }

    /** Runs the census of {@code parsed} (rows of {@link io.monitoring.model.Schemas#PARSED}): one Spark job. */
    public static BatchCensus of(Dataset<Row> parsed) {
        Dataset<Row> counted = parsed.selectExpr(ENTRIES).where("e IS NOT NULL").select("e.*")
                .groupBy("kind", "by_date", "k1", "k2", "d").count();
        Dataset<Row> perKind = counted.groupBy("kind").agg(
                expr("SUM(IF(by_date, count, 0))"),
                expr("COUNT_IF(NOT by_date AND count > 1)"),
                expr("COLLECT_SET(IF(by_date, d, NULL))"));
        Map<String, Kind> kinds = new TreeMap<>();
        long read = 0;
        for (Row row : perKind.collectAsList()) {
            String kind = row.getString(0);
            if (kind.equals("read")) {
                read = row.getLong(1);
            } else {
                List<String> dates = new ArrayList<>(row.getList(3));
                dates.sort(String::compareTo);
                kinds.put(kind, new Kind(row.getLong(1), row.getLong(2), List.copyOf(dates)));
            }
        }
        return new BatchCensus(read, kinds.getOrDefault("inference", Kind.NONE),
                kinds.getOrDefault("actual", Kind.NONE), kinds.getOrDefault("quarantine", Kind.NONE));
    }
}
