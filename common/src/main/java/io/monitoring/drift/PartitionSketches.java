package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One pass over a partition's records ({@link DriftRecords}) that sketches every model
 * column the bins are computed from ({@link ColumnSketch}). State: one sketch per model column.
 */
final class PartitionSketches implements RecordValues.Visitor {
    private final RecordLayout layout;
    private final double relativeError;
    private final Map<UTF8String, List<Map<UTF8String, ColumnSketch>>> byModel = new HashMap<>();
    private List<Map<UTF8String, ColumnSketch>> current;

    PartitionSketches(RecordLayout layout, double relativeError) {
        this.layout = layout;
        this.relativeError = relativeError;
    }

    Iterator<ColumnSketch.Result> sketch(Iterator<InternalRow> rows) {
        while (rows.hasNext()) {
            InternalRow row = rows.next();
            UTF8String model = row.getUTF8String(layout.model());
            current = byModel.get(model);
            if (current == null) {
                current = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
                byModel.put(PartitionProfile.copy(model), current);
            }
            RecordValues.visit(row, layout, this);
        }
        List<ColumnSketch.Result> out = new ArrayList<>();
        byModel.forEach((model, types) -> types.forEach(columns -> columns.forEach(
                (column, sketch) -> out.add(sketch.result(model.toString(), column.toString())))));
        return out.iterator();
    }

    @Override
    public void numeric(UTF8String column, boolean isNull, double value) {
        ColumnSketch s = sketch(ModelColumns.NUMERIC_TYPE, NUMERIC, column);
        if (!isNull) {
            s.number(value);
        }
    }

    @Override
    public void categorical(UTF8String column, UTF8String value) {
        ColumnSketch s = sketch(ModelColumns.CATEGORICAL_TYPE, CATEGORICAL, column);
        if (value != null) {
            s.category(value);
        }
    }

    @Override
    public void embedding(UTF8String column, int dim, boolean isNull, double value) {
        sketch(ModelColumns.EMBEDDING_TYPE, EMBEDDING, column);
    }

    private ColumnSketch sketch(int typeCode, String type, UTF8String column) {
        Map<UTF8String, ColumnSketch> columns = current.get(typeCode);
        ColumnSketch s = columns.get(column);
        if (s == null) {
            s = new ColumnSketch(type, relativeError);
            columns.put(PartitionProfile.copy(column), s);
        }
        return s;
    }
}
