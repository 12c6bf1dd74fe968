package io.monitoring.spark.columnar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.FilterExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.DataType;
import scala.collection.JavaConverters;

/**
 * A Dataset's rows for a one-pass aggregation written against Spark's internal rows. When the
 * Dataset's plan is a columnar file scan (Parquet, under Delta too) with at most filters and one
 * projection above it, the rows are views over the scan's column batches ({@link BatchRows}):
 * Spark would otherwise copy every row, feature maps included, into an UnsafeRow, decoding each
 * dictionary-encoded map key again for every row, which was a third of the drift profile's time.
 * Any other plan (a cache, a join, a deletion-vector scan that is not columnar) gives the
 * Dataset's own rows ({@code queryExecution().toRdd()}). Either way the rows are the Dataset's,
 * in its schema's order, and each is valid until the next is read.
 */
public final class ColumnarRows {
    private ColumnarRows() {}

    public static JavaRDD<InternalRow> of(Dataset<Row> rows) {
        Optional<Shape> shape = Shape.of(rows.queryExecution().executedPlan());
        if (shape.isEmpty()) {
            return rows.queryExecution().toRdd().toJavaRDD();
        }
        ScanProjection projection = shape.get().projection();
        return shape.get().scan().executeColumnar().toJavaRDD()
                .mapPartitions(batches -> new BatchRows(batches, projection));
    }

    /** Whether {@link #of} reads {@code rows} from column batches. */
    public static boolean isColumnar(Dataset<Row> rows) {
        return Shape.of(rows.queryExecution().executedPlan()).isPresent();
    }

    /** A plan of the form [Project] [Filter...] ColumnarToRow (columnar file scan). */
    private record Shape(FileSourceScanExec scan, List<Expression> outputs, List<Expression> conditions) {
        static Optional<Shape> of(SparkPlan plan) {
            SparkPlan node = plan instanceof WholeStageCodegenExec w ? w.child() : plan;
            List<Expression> outputs = null;
            if (node instanceof ProjectExec p) {
                outputs = new ArrayList<>();
                for (Object e : JavaConverters.seqAsJavaList(p.projectList())) {
                    outputs.add((Expression) e);
                }
                node = p.child();
            }
            List<Expression> conditions = new ArrayList<>();
            while (node instanceof FilterExec f) {
                conditions.add(f.condition());
                node = f.child();
            }
            if (!(node instanceof ColumnarToRowExec c2r)) {
                return Optional.empty();
            }
            node = c2r.child() instanceof InputAdapter a ? a.child() : c2r.child();
            if (!(node instanceof FileSourceScanExec scan) || !scan.supportsColumnar()) {
                return Optional.empty();
            }
            if (outputs == null) {
                outputs = new ArrayList<>(JavaConverters.seqAsJavaList(scan.output()));
            }
            for (Expression e : outputs) {
                if (!readable(e, scan.output())) {
                    return Optional.empty();
                }
            }
            for (Expression e : conditions) {
                if (!e.deterministic() || e.containsPattern(org.apache.spark.sql.catalyst.trees.TreePattern.PLAN_EXPRESSION())) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Shape(scan, outputs, conditions));
        }

        /** A scanned column read as it is, or a deterministic expression of an atomic type without subqueries. */
        private static boolean readable(Expression e, scala.collection.Seq<Attribute> scanned) {
            Expression source = e instanceof Alias a ? a.child() : e;
            if (source instanceof Attribute attr) {
                return ordinalOf(scanned, attr) >= 0;
            }
            return e.deterministic() && e.dataType() instanceof AtomicType
                    && !e.containsPattern(org.apache.spark.sql.catalyst.trees.TreePattern.PLAN_EXPRESSION());
        }

        ScanProjection projection() {
            scala.collection.Seq<Attribute> input = scan.output();
            Expression filter = null;
            for (Expression c : conditions) {
                filter = filter == null ? c : new And(filter, c);
            }
            List<Expression> computed = new ArrayList<>();
            int[] read = new int[outputs.size()];
            DataType[] types = new DataType[outputs.size()];
            for (int i = 0; i < outputs.size(); i++) {
                Expression e = outputs.get(i);
                types[i] = e.dataType();
                Expression source = e instanceof Alias a ? a.child() : e;
                int ordinal = source instanceof Attribute attr ? ordinalOf(input, attr) : -1;
                if (ordinal >= 0) {
                    read[i] = ordinal;
                } else {
                    computed.add(source);
                    read[i] = -computed.size();
                }
            }
            return new ScanProjection(new ArrayList<>(JavaConverters.seqAsJavaList(input)), filter, computed, read, types);
        }

        private static int ordinalOf(scala.collection.Seq<Attribute> input, Attribute attr) {
            List<Attribute> columns = JavaConverters.seqAsJavaList(input);
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).exprId().equals(attr.exprId())) {
                    return i;
                }
            }
            return -1;
        }
    }
}
