package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/** One side's histogram of one column (a collected {@code histogram} array), on the driver. */
public final class ColumnProfile {
    /** One cell: its count, count outside the baseline range, and the sum and sum of squares of its values. */
    public record Cell(long n, long outOfRange, double sum, double sumSq) {}

    private final String type;
    private final Map<Integer, Cell> cells;

    public ColumnProfile(String type, Map<Integer, Cell> cells) {
        this.type = type;
        this.cells = new TreeMap<>(cells);
    }

    public static ColumnProfile of(String type, List<Row> histogram) {
        Map<Integer, Cell> cells = new TreeMap<>();
        for (Row r : histogram) {
            cells.put(r.getAs(BIN), new Cell(r.getAs(N), orZero((Long) r.getAs(N_OUT)), orZero((Double) r.getAs(SUM)),
                    orZero((Double) r.getAs(SUM_SQ))));
        }
        return new ColumnProfile(type, cells);
    }

    public Cell cell(int bin) {
        return cells.getOrDefault(bin, new Cell(0, 0, 0, 0));
    }

    public Map<Integer, Cell> cells() {
        return cells;
    }

    public long nulls() {
        return cell(BIN_NULL).n();
    }

    public long unbinned() {
        return cell(BIN_UNBINNED).n();
    }

    /** Records with the column: for an embedding, vectors (every dimension 0 cell counts one), not components. */
    public long rows() {
        if (EMBEDDING.equals(type)) {
            return nulls() + cell(0).n();
        }
        return cells.values().stream().mapToLong(Cell::n).sum();
    }

    public long nonNull() {
        return rows() - nulls();
    }

    public long outOfRange() {
        return cells.values().stream().mapToLong(Cell::outOfRange).sum();
    }

    /** Counts of cells 0 .. size-1. */
    public long[] counts(int size) {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = cell(i).n();
        }
        return out;
    }

    /** Embedding dimensions (cells from 0 up to the first missing one). */
    public int dimensions() {
        int d = 0;
        while (cells.containsKey(d)) {
            d++;
        }
        return d;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }
}
