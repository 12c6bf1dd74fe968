package io.monitoring.quality;

import static io.monitoring.model.Columns.MODEL_ID;
import static io.monitoring.quality.QualityColumns.LABEL_LAG_SECONDS;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The label-lag percentiles of each group, exact: the nearest-rank value, the {@code ceil(q * n)}-th
 * smallest of a group's n lags, which is what {@code percentile_approx} returns while its summary
 * still holds every value (and, past that, approximates).
 *
 * <p>Method: each task gathers its rows' lags per cell (the rows counted in the same groups), the
 * cells are shuffled by model, so all cells of a group meet in one task, and there each group's
 * lags are its cells' lags, sorted once. A row's lag crosses the shuffle once, not once per group,
 * where {@code percentile_approx} shipped a summary per group and task that, at its accuracy,
 * held nearly every value, and merged them again.
 */
final class LabelLags {
    /** The quantiles, in the order of the {@link #LAG} array. */
    static final double[] QUANTILES = {0.5, 0.95};
    /** (group_id, lag): the lags at {@link #QUANTILES}. */
    static final String LAG = "lag";

    private static final String LAGS = "lags";
    private static final StructType CELL = new StructType()
            .add(MODEL_ID, DataTypes.StringType)
            .add(QualityRows.GROUP_IDS, DataTypes.createArrayType(DataTypes.LongType, true))
            .add(LAGS, DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    private static final StructType GROUP_LAGS = new StructType()
            .add(QualityRows.GROUP_ID, DataTypes.LongType, false)
            .add(LAG, DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    private LabelLags() {}

    /**
     * (group_id, lag) of labelled evaluation rows with a lag ({@link QualityRows#laggedRows}).
     *
     * @param partitions how many partitions the cells are shuffled into (by model)
     */
    static Dataset<Row> percentiles(Dataset<Row> laggedRows, int partitions) {
        return laggedRows.select(MODEL_ID, QualityRows.GROUP_IDS, LABEL_LAG_SECONDS)
                .mapPartitions((MapPartitionsFunction<Row, Row>) LabelLags::cells, Encoders.row(CELL))
                .repartition(partitions, col(MODEL_ID))
                .mapPartitions((MapPartitionsFunction<Row, Row>) LabelLags::groups, Encoders.row(GROUP_LAGS));
    }

    /** Rows of (model, group ids, lag) to one (model, group ids, lags) row per cell. */
    private static Iterator<Row> cells(Iterator<Row> rows) {
        Map<List<Long>, Cell> cells = new HashMap<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            List<Long> ids = r.getList(1);
            Cell cell = cells.get(ids);
            if (cell == null) {
                cell = new Cell(r.getString(0));
                cells.put(new ArrayList<>(ids), cell);
            }
            cell.lags.add(r.getDouble(2));
        }
        List<Row> out = new ArrayList<>(cells.size());
        cells.forEach((ids, cell) -> out.add(RowFactory.create(cell.model, ids.toArray(new Long[0]), cell.lags.toArray())));
        return out.iterator();
    }

    /**
     * Cells of (model, group ids, lags), all cells of each of their groups in this partition, to
     * (group_id, lag) rows. The cells' lags are held once; each group's are copied out of them
     * only while its quantiles are taken.
     */
    private static Iterator<Row> groups(Iterator<Row> cells) {
        List<double[]> lagsOfCell = new ArrayList<>();
        Map<Long, List<Integer>> cellsOfGroup = new HashMap<>();
        while (cells.hasNext()) {
            Row cell = cells.next();
            lagsOfCell.add(cell.<Double>getList(2).stream().mapToDouble(Double::doubleValue).toArray());
            for (Long id : cell.<Long>getList(1)) {
                if (id != null) {
                    cellsOfGroup.computeIfAbsent(id, g -> new ArrayList<>()).add(lagsOfCell.size() - 1);
                }
            }
        }
        List<Row> out = new ArrayList<>(cellsOfGroup.size());
        cellsOfGroup.forEach((id, cellIndexes) -> {
            int n = 0;
            for (int c : cellIndexes) {
                n += lagsOfCell.get(c).length;
            }
            double[] lags = new double[n];
            int at = 0;
            for (int c : cellIndexes) {
                double[] more = lagsOfCell.get(c);
                System.arraycopy(more, 0, lags, at, more.length);
                at += more.length;
            }
            out.add(RowFactory.create(id, nearestRanks(lags, QUANTILES)));
        });
        return out.iterator();
    }

    /**
     * The nearest-rank quantiles of {@code values} (sorted in place): for each q, the
     * {@code ceil(q * n)}-th smallest value (the smallest for q * n at most 1).
     */
    static Double[] nearestRanks(double[] values, double[] quantiles) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to take quantiles of");
        }
        Arrays.sort(values);
        Double[] out = new Double[quantiles.length];
        for (int i = 0; i < quantiles.length; i++) {
            long rank = (long) Math.ceil(quantiles[i] * values.length);
            out[i] = values[(int) Math.min(values.length, Math.max(1, rank)) - 1];
        }
        return out;
    }

    private static final class Cell {
        final String model;
        final Doubles lags = new Doubles();

        Cell(String model) {
            this.model = model;
        }
    }

    /** A growable array of doubles. */
    private static final class Doubles {
        private double[] values = new double[16];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
