package io.monitoring.spark;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.collection.JavaConverters;

/**
 * External rows of one schema to Spark's internal rows, and a Dataset over them, for rows built in
 * Java (ingest's parsed records) rather than read by a data source.
 *
 * <p>Why not {@code createDataFrame(rdd, schema)}: its row encoder converts every value through
 * generated code that checks each value's external type and, in Spark 3.5, builds the text of the
 * error it would raise (class names and string concatenation) for every map and nested field it
 * reads. Ingest's rows hold dozens of map entries each, so that cost about a quarter of the stage
 * that parses and caches them. Here the converters are chosen once per field from the schema; the
 * same checks remain (a null in a non-nullable field, a value of the wrong type), with the error
 * raised only when one fails. The Dataset is made with {@code SparkSession.internalCreateDataFrame}
 * ({@code private[sql]} in Scala, public to Java), the call Spark's own data sources use for RDDs
 * of internal rows; like {@link Plans}, this leans on Spark internals that are stable across 3.4
 * and 3.5, and {@code InternalRowsTest} fails if an upgrade changes them.
 *
 * <p>Supported types are those of the product's tables: string, double, long, int, boolean,
 * timestamp ({@link Instant} or {@link java.sql.Timestamp}), date ({@link LocalDate} or
 * {@link java.sql.Date}), arrays (Scala sequences or Java collections), maps (Scala or Java) and
 * nested structs ({@link Row}). Any other type is refused when the converter is made.
 */
public final class InternalRows implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One value of a column or element type, external to internal; null stays null. */
    @FunctionalInterface
    interface Converter extends Serializable {
        Object toInternal(Object external);
    }

    private final StructType schema;
    private final Converter rowConverter;

    private InternalRows(StructType schema) {
        this.schema = schema;
        this.rowConverter = struct(schema, "row");
    }

    /** A converter of rows of {@code schema}. */
    public static InternalRows of(StructType schema) {
        return new InternalRows(schema);
    }

    /** The internal form of {@code row}, a row of this schema. */
    public InternalRow toInternal(Row row) {
        return (InternalRow) rowConverter.toInternal(row);
    }

    /** A Dataset of {@code rows} (external rows of this schema), converted as they are read. */
    public Dataset<Row> dataset(SparkSession spark, JavaRDD<Row> rows) {
        JavaRDD<InternalRow> internal = rows.map(this::toInternal);
        return spark.internalCreateDataFrame(internal.rdd(), schema, false);
    }

    private static Converter of(DataType type, String path) {
        if (type instanceof StringType) {
            return v -> UTF8String.fromString(as(String.class, v, path));
        }
        if (type instanceof DoubleType) {
            return v -> as(Double.class, v, path);
        }
        if (type instanceof LongType) {
            return v -> as(Long.class, v, path);
        }
        if (type instanceof IntegerType) {
            return v -> as(Integer.class, v, path);
        }
        if (type instanceof BooleanType) {
            return v -> as(Boolean.class, v, path);
        }
        if (type instanceof TimestampType) {
            return v -> v instanceof Instant i ? DateTimeUtils.instantToMicros(i)
                    : DateTimeUtils.fromJavaTimestamp(as(java.sql.Timestamp.class, v, path));
        }
        if (type instanceof DateType) {
            return v -> v instanceof LocalDate d ? Math.toIntExact(d.toEpochDay())
                    : DateTimeUtils.fromJavaDate(as(java.sql.Date.class, v, path));
        }
        if (type instanceof ArrayType a) {
            return array(a, path);
        }
        if (type instanceof MapType m) {
            return map(m, path);
        }
        if (type instanceof StructType s) {
            return struct(s, path);
        }
        throw new IllegalArgumentException("no internal conversion for " + type.simpleString() + " (" + path + ")");
    }

    private static Converter struct(StructType schema, String path) {
        StructField[] fields = schema.fields();
        Converter[] converters = new Converter[fields.length];
        for (int i = 0; i < fields.length; i++) {
            converters[i] = nullable(of(fields[i].dataType(), path + "." + fields[i].name()), fields[i].nullable(),
                    path + "." + fields[i].name());
        }
        return v -> {
            Row row = as(Row.class, v, path);
            if (row.length() != converters.length) {
                throw new IllegalArgumentException(path + ": a row of " + row.length() + " values for " + converters.length + " fields");
            }
            Object[] values = new Object[converters.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = converters[i].toInternal(row.get(i));
            }
            return new GenericInternalRow(values);
        };
    }

    private static Converter array(ArrayType type, String path) {
        Converter element = nullable(of(type.elementType(), path + "[]"), type.containsNull(), path + "[]");
        return v -> {
            Collection<?> items = v instanceof scala.collection.Seq<?> seq ? JavaConverters.seqAsJavaList(seq) : as(Collection.class, v, path);
            Object[] out = new Object[items.size()];
            int i = 0;
            for (Object item : items) {
                out[i++] = element.toInternal(item);
            }
            return new GenericArrayData(out);
        };
    }

    private static Converter map(MapType type, String path) {
        Converter key = nullable(of(type.keyType(), path + ".key"), false, path + ".key");
        Converter value = nullable(of(type.valueType(), path + ".value"), type.valueContainsNull(), path + ".value");
        return v -> {
            Map<?, ?> entries = v instanceof scala.collection.Map<?, ?> m ? JavaConverters.mapAsJavaMap(m) : as(Map.class, v, path);
            Object[] keys = new Object[entries.size()];
            Object[] values = new Object[keys.length];
            int i = 0;
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                keys[i] = key.toInternal(e.getKey());
                values[i++] = value.toInternal(e.getValue());
            }
            return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
        };
    }

    /** Null passes through where the type allows it and fails the task where it does not. */
    private static Converter nullable(Converter converter, boolean nullable, String path) {
        if (nullable) {
            return v -> v == null ? null : converter.toInternal(v);
        }
        return v -> {
            if (v == null) {
                throw new NullPointerException(path + " is not nullable but the row holds null");
            }
            return converter.toInternal(v);
        };
    }

    private static <T> T as(Class<T> type, Object value, String path) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(path + ": expected " + type.getSimpleName() + ", got "
                    + value.getClass().getName() + " (" + value + ")");
        }
        return type.cast(value);
    }
}
