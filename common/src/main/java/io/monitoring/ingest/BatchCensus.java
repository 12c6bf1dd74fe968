package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.expr;

import io.monitoring.spark.DerivedSessions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What ingest learns of a batch of parsed rows before it writes, in one pass over them: how many
 * records were read, and per kind of row (inference, actual, quarantine) how many there are, how
 * many of their keys were delivered more than once, and the dates they fall on (the partitions
 * their inserts may meet).
 *
 * <p>The pass reads only flat long columns the batch carries beside its rows ({@link #withKeys}),
 * set when the batch is parsed: per kind, its key as a hash and its date as a day number, each
 * tagged with what it is in its top bits. So the census decodes neither the cached rows' structs
 * nor their string keys, and one hash aggregation over single longs counts every key and date of
 * every kind at once. A hash repeats whenever its key does, so a batch with no repeated hash has
 * no repeated key; two keys sharing a 61-bit hash (about one batch in five million at a million
 * keys) only make {@link FirstDeliveries} rank rows it did not need to.
 */
public record BatchCensus(long read, Kind inferences, Kind actuals, Kind quarantine) {

    /**
     * One kind of row in the batch. {@code repeatedKeys}: how many key hashes it holds more than
     * once (0 exactly when no key repeats); {@code dates}: its partition values, sorted (none for
     * quarantine).
     */
    public record Kind(long records, long repeatedKeys, List<String> dates) {
        static final Kind NONE = new Kind(0, 0, List.of());
    }

    /** What an entry is, in its top {@link #TAG_BITS} bits. */
    private enum Tag {
        READ, INFERENCE_KEY, INFERENCE_DATE, ACTUAL_KEY, ACTUAL_DATE, QUARANTINE_KEY;

        String column() {
            return "_census_" + name().toLowerCase(Locale.ROOT);
        }

        /** {@code value} (a BIGINT expression) in the low bits, this tag in the top ones. */
        String tagged(String value) {
            return "(shiftleft(CAST(" + ordinal() + " AS BIGINT), " + VALUE_BITS + ") | ((" + value + ") & " + VALUE_MASK + "L))";
        }
    }

    private static final int TAG_BITS = 3;
    private static final int VALUE_BITS = Long.SIZE - TAG_BITS;
    private static final long VALUE_MASK = (1L << VALUE_BITS) - 1;

    /**
     * {@code parsed} (rows of {@link io.monitoring.model.Schemas#PARSED}) with the columns the
     * census reads; persist this, not {@code parsed}, so the census reads them from the cache. A
     * column is null where the row holds no row of its kind.
     */
    public static Dataset<Row> withKeys(Dataset<Row> parsed) {
        return parsed.selectExpr("*",
                present(INFERENCE, Tag.INFERENCE_KEY.tagged(hash(INFERENCE, MODEL_ID, INFERENCE_ID))) + " AS " + Tag.INFERENCE_KEY.column(),
                present(INFERENCE, Tag.INFERENCE_DATE.tagged(day(INFERENCE, EVENT_DATE))) + " AS " + Tag.INFERENCE_DATE.column(),
                present(ACTUAL, Tag.ACTUAL_KEY.tagged(hash(ACTUAL, ACTUAL_ID))) + " AS " + Tag.ACTUAL_KEY.column(),
                present(ACTUAL, Tag.ACTUAL_DATE.tagged(day(ACTUAL, ACTUAL_DATE))) + " AS " + Tag.ACTUAL_DATE.column(),
                present(QUARANTINE, Tag.QUARANTINE_KEY.tagged(hash(QUARANTINE, QUARANTINE_ID))) + " AS " + Tag.QUARANTINE_KEY.column());
    }

    private static String present(String struct, String value) {
        return "IF(" + struct + " IS NULL, CAST(NULL AS BIGINT), " + value + ")";
    }

    private static String hash(String struct, String... fields) {
        return Arrays.stream(fields).map(f -> struct + "." + f).collect(Collectors.joining(", ", "xxhash64(", ")"));
    }

    private static String day(String struct, String dateField) {
        return "CAST(unix_date(" + struct + "." + dateField + ") AS BIGINT)";
    }

    /**
     * Without adaptive execution, so the census's first stage is the one that parses and caches a
     * persisted batch: adaptive execution first runs the cache as a stage of its own and then reads
     * it back for the aggregation, a second pass over every cached block (from disk, once the batch
     * outgrows memory: 13.4 s of the 4M bench's ingest).
     */
    static final Map<String, String> ONE_PASS = Map.of("spark.sql.adaptive.enabled", "false");

    /**
     * Runs the census of a batch made by {@link #withKeys}: one Spark job, in a session of its own
     * ({@link #ONE_PASS}); the caller's session is left as it was.
     */
    public static BatchCensus of(Dataset<Row> batch) {
        SparkSession spark = batch.sparkSession();
        String view = "batch_census_" + UUID.randomUUID().toString().replace("-", "");
        // the census's columns, not the batch itself: dropping a view uncaches a cached plan it
        // equals, and the writes after the census read the batch from the cache
        batch.selectExpr(censusColumns().toArray(String[]::new)).createOrReplaceGlobalTempView(view);
        try {
            return count(DerivedSessions.withSettings(spark, ONE_PASS).table(DerivedSessions.globalTempView(spark, view)));
        } finally {
            spark.catalog().dropGlobalTempView(view);
        }
    }

    /** The columns {@link #withKeys} adds, one per tag but {@link Tag#READ}. */
    private static List<String> censusColumns() {
        List<String> columns = new ArrayList<>();
        for (Tag tag : Tag.values()) {
            if (tag != Tag.READ) {
                columns.add(tag.column());
            }
        }
        return columns;
    }

    private static BatchCensus count(Dataset<Row> batch) {
        List<String> entries = new ArrayList<>();
        entries.add(Tag.READ.tagged("0"));
        entries.addAll(censusColumns());
        Dataset<Row> counted = batch.selectExpr("explode(array(" + String.join(", ", entries) + ")) AS e")
                .where("e IS NOT NULL").groupBy("e").count();
        // the value sign-extended back from its 61 bits (a day before 1970 is negative); only the
        // days are collected, a few per batch
        Dataset<Row> perTag = counted.selectExpr("shiftrightunsigned(e, " + VALUE_BITS + ") AS tag",
                        "shiftright(shiftleft(e, " + TAG_BITS + "), " + TAG_BITS + ") AS value", "count")
                .groupBy("tag").agg(expr("SUM(count)"), expr("COUNT_IF(count > 1)"),
                        expr("COLLECT_LIST(IF(tag IN (" + Tag.INFERENCE_DATE.ordinal() + ", " + Tag.ACTUAL_DATE.ordinal() + "), value, NULL))"));
        Map<Tag, Row> byTag = new TreeMap<>();
        for (Row row : perTag.collectAsList()) {
            byTag.put(Tag.values()[(int) row.getLong(0)], row);
        }
        long read = byTag.containsKey(Tag.READ) ? byTag.get(Tag.READ).getLong(1) : 0;
        return new BatchCensus(read, kind(byTag, Tag.INFERENCE_KEY, Tag.INFERENCE_DATE), kind(byTag, Tag.ACTUAL_KEY, Tag.ACTUAL_DATE),
                kind(byTag, Tag.QUARANTINE_KEY, null));
    }

    private static Kind kind(Map<Tag, Row> byTag, Tag keys, Tag dates) {
        Row keyRow = byTag.get(keys);
        if (keyRow == null) {
            return Kind.NONE;
        }
        List<String> days = new ArrayList<>();
        if (dates != null && byTag.containsKey(dates)) {
            for (Object day : byTag.get(dates).getList(3)) {
                days.add(LocalDate.ofEpochDay((Long) day).toString());
            }
        }
        days.sort(String::compareTo);
        return new Kind(keyRow.getLong(1), keyRow.getLong(2), List.copyOf(days));
    }
}
