package io.monitoring.ingest;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Fills a Row of a given schema by column name. Java maps and lists are handed to Spark as the
 * Scala collections its row encoder expects.
 */
public final class RowBuilder {
    private static final Map<StructType, Map<String, Integer>> INDEXES = new java.util.concurrent.ConcurrentHashMap<>();

    private final StructType schema;
    private final Map<String, Integer> index;
    private final Object[] values;

    public RowBuilder(StructType schema) {
        this.schema = schema;
        this.index = INDEXES.computeIfAbsent(schema, RowBuilder::indexOf);
        this.values = new Object[schema.fields().length];
    }

    public RowBuilder set(String column, Object value) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column " + column);
        }
        values[i] = toSpark(value, schema.fields()[i].dataType());
        return this;
    }

    public Row build() {
        return new GenericRowWithSchema(values.clone(), schema);
    }

    /**
     * The value with its Java maps and lists wrapped as Scala ones. A map or list whose column
     * holds plain values (most: the features, the tags) is wrapped as it is, not copied: callers
     * build the values for the row and do not change them after setting them.
     */
    private static Object toSpark(Object value, DataType type) {
        if (value instanceof Map<?, ?> map) {
            if (type instanceof MapType m && plain(m.valueType())) {
                return JavaConverters.mapAsScalaMap(map);
            }
            Map<Object, Object> converted = new java.util.LinkedHashMap<>(map.size() * 2);
            DataType valueType = type instanceof MapType m ? m.valueType() : null;
            map.forEach((k, v) -> converted.put(k, toSpark(v, valueType)));
            return JavaConverters.mapAsScalaMap(converted);
        }
        if (value instanceof Collection<?> c) {
            if (c instanceof List<?> list && type instanceof ArrayType a && plain(a.elementType())) {
                return JavaConverters.asScalaBuffer(list);
            }
            List<Object> converted = new java.util.ArrayList<>(c.size());
            DataType elementType = type instanceof ArrayType a ? a.elementType() : null;
            c.forEach(v -> converted.add(toSpark(v, elementType)));
            return JavaConverters.asScalaBuffer(converted);
        }
        return value;
    }

    /** A type whose values are never a Java map or list (a nested row is built as a Row). */
    private static boolean plain(DataType type) {
        return !(type instanceof MapType || type instanceof ArrayType);
    }

    private static Map<String, Integer> indexOf(StructType schema) {
        Map<String, Integer> index = new HashMap<>();
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        return index;
    }
}
