package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.BIN_UNBINNED;

import java.util.Arrays;

/**
 * The histogram cells of one column in one slice, while a partition is read: per cell the count,
 * the count outside the baseline range, and the sum and sum of squares of the values (null when
 * the cell holds no number, as Spark's {@code sum} of only nulls is). Cells from
 * {@link DriftColumns#BIN_UNBINNED} upwards; the arrays grow with the highest cell seen.
 */
final class ColumnCells {
    private static final int FIRST = BIN_UNBINNED;

    private long[] n;
    private long[] outOfRange;
    private double[] sum;
    private double[] sumSq;
    private boolean[] summed;

    ColumnCells(int expectedCells) {
        int size = Math.max(expectedCells, 1) - FIRST;
        n = new long[size];
        outOfRange = new long[size];
        sum = new double[size];
        sumSq = new double[size];
        summed = new boolean[size];
    }

    /** One value in cell {@code bin}; {@code value} counts only when {@code isNumber}. */
    void add(int bin, boolean isNumber, double value, boolean out) {
        int i = bin - FIRST;
        if (i >= n.length) {
            grow(i + 1);
        }
        n[i]++;
        if (out) {
            outOfRange[i]++;
        }
        if (isNumber) {
            sum[i] += value;
            sumSq[i] += value * value;
            summed[i] = true;
        }
    }

    /** Calls {@code visitor} for each cell that holds a value, lowest cell first. */
    void forEachCell(CellVisitor visitor) {
        for (int i = 0; i < n.length; i++) {
            if (n[i] > 0) {
                visitor.cell(i + FIRST, n[i], outOfRange[i], summed[i] ? sum[i] : null, summed[i] ? sumSq[i] : null);
            }
        }
    }

    interface CellVisitor {
        void cell(int bin, long n, long outOfRange, Double sum, Double sumSq);
    }

    private void grow(int size) {
        int to = Math.max(size, n.length * 2);
        n = Arrays.copyOf(n, to);
        outOfRange = Arrays.copyOf(outOfRange, to);
        sum = Arrays.copyOf(sum, to);
        sumSq = Arrays.copyOf(sumSq, to);
        summed = Arrays.copyOf(summed, to);
    }
}
