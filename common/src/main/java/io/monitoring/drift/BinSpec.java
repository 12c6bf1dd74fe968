package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import java.util.List;
import org.apache.spark.sql.Row;

/** The bins of one model column (a row of {@link DriftSchemas#BINS} or of drift_baselines), on the driver. */
public record BinSpec(String modelId, String column, String type, double[] edges, double[] psiEdges,
        List<String> categories, Double rangeMin, Double rangeMax) {

    public static BinSpec of(Row row) {
        return new BinSpec(row.getAs(MODEL_ID), row.getAs(COLUMN_NAME), row.getAs(COLUMN_TYPE),
                doubles(row, EDGES), doubles(row, PSI_EDGES),
                row.isNullAt(row.fieldIndex(CATEGORIES)) ? null : row.getList(row.fieldIndex(CATEGORIES)),
                row.getAs(RANGE_MIN), row.getAs(RANGE_MAX));
    }

    /** Cells of the fine histogram: edges + 1 for numeric columns, categories + 1 (cell 0 = other) for categorical ones. */
    public int cells() {
        if (NUMERIC.equals(type)) {
            return edges.length + 1;
        }
        return CATEGORICAL.equals(type) ? categories.size() + 1 : 0;
    }

    /**
     * Fine-bin counts summed into the PSI bins. PSI edges are a subset of the fine edges, so fine
     * bin j (values in (e[j-1], e[j]]) lies in the PSI bin numbered by the PSI edges at or below e[j-1].
     */
    public long[] coarse(long[] fine) {
        long[] out = new long[psiEdges.length + 1];
        for (int j = 0; j < fine.length; j++) {
            int target = 0;
            if (j > 0) {
                while (target < psiEdges.length && psiEdges[target] <= edges[j - 1]) {
                    target++;
                }
            }
            out[target] += fine[j];
        }
        return out;
    }

    private static double[] doubles(Row row, String column) {
        int i = row.fieldIndex(column);
        if (row.isNullAt(i)) {
            return null;
        }
        List<Double> values = row.getList(i);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
