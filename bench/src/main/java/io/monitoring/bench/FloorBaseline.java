package io.monitoring.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The floor the ingest is measured against: Spark's own JSON reader with an explicit schema over the
 * very landing files ingest reads, written straight to Delta (no normalisation, no dedup, no
 * quarantine), and a bare scan that parses every field and writes nothing (the {@code noop} sink).
 *
 * <p>One schema covers every line shape in the landing (Guardian record, Guardian batch envelope,
 * Arize record, Guardian and Arize actuals), so every field of every line is parsed: feature maps are
 * read as maps (Guardian {@code input_data} values as their JSON text), Arize typed values as structs,
 * fields whose type differs between the formats ({@code prediction.label}, {@code actual}) as their JSON
 * text.
 */
final class FloorBaseline {
    private static final DataType STR = DataTypes.StringType;
    private static final DataType DBL = DataTypes.DoubleType;
    private static final MapType STR_MAP = DataTypes.createMapType(STR, STR, true);

    private static final StructType ARIZE_VALUE = struct(
            field("double", DBL), field("int", STR), field("string", STR),
            field("embedding", struct(field("vector", DataTypes.createArrayType(DBL, true)),
                    field("data", DataTypes.createArrayType(STR, true)), field("link_to_data", STR))));

    private static final StructType PREDICTION = struct(
            // Guardian
            field("label", STR), field("class", STR), field("score", DBL), field("confidence", DBL), field("value", DBL),
            field("probabilities", DataTypes.createMapType(STR, DBL, true)),
            field("predictions", DataTypes.createArrayType(struct(field("class", STR), field("confidence", DBL),
                    field("bbox", DataTypes.createArrayType(DBL, true))), true)),
            field("product_ids", DataTypes.createArrayType(STR, true)),
            field("scores", DataTypes.createArrayType(DBL, true)),
            // Arize (label is the Guardian field above, read as its JSON text)
            field("timestamp", STR), field("model_version", STR),
            field("features", DataTypes.createMapType(STR, ARIZE_VALUE, true)),
            field("tags", DataTypes.createMapType(STR, ARIZE_VALUE, true)));

    private static final StructField[] GUARDIAN_FIELDS = {
        field("id", STR), field("inference_id", STR), field("monitor_id", STR), field("model_id", STR),
        field("model_version", STR), field("input_data", STR_MAP), field("prediction", PREDICTION),
        field("actual", STR), field("latency_ms", DBL), field("error", struct(field("code", STR), field("message", STR))),
        field("metadata", STR_MAP), field("timestamp", STR), field("logged_at", STR),
    };

    /** Every line shape of the landing, inferences and actuals alike. */
    static final StructType LANDING_LINE = struct(concat(GUARDIAN_FIELDS,
            field("prediction_id", STR),
            field("environment_params", STR_MAP),
            field("inferences", DataTypes.createArrayType(struct(GUARDIAN_FIELDS), true))));

    private final SparkSession spark;

    FloorBaseline(SparkSession spark) {
        this.spark = spark;
    }

    Dataset<Row> read(List<Path> files) {
        return spark.read().schema(LANDING_LINE).json(paths(files));
    }

    /** The floor's ingest: inference files to one Delta table, actual files to another. */
    void ingest(List<Path> inferenceFiles, List<Path> actualFiles, Path root) {
        read(inferenceFiles).write().format("delta").mode(SaveMode.Overwrite).save(root.resolve("inferences").toString());
        read(actualFiles).write().format("delta").mode(SaveMode.Overwrite).save(root.resolve("actuals").toString());
    }

    /** Lines in the floor's two tables (counted after the timing). */
    Map<String, Object> lines(Path root) {
        long inferences = spark.read().format("delta").load(root.resolve("inferences").toString()).count();
        long actuals = spark.read().format("delta").load(root.resolve("actuals").toString()).count();
        return Map.of("inference_lines", inferences, "actual_lines", actuals);
    }

    /** Parses every field of every line and writes nothing. */
    void scan(List<Path> files) {
        read(files).write().format("noop").mode(SaveMode.Overwrite).save();
    }

    static String[] paths(List<Path> files) {
        return files.stream().map(p -> p.toAbsolutePath().toString()).toArray(String[]::new);
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    private static StructType struct(StructField... fields) {
        return DataTypes.createStructType(fields);
    }

    private static StructField[] concat(StructField[] head, StructField... tail) {
        StructField[] out = new StructField[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
