package io.monitoring.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * A partition's partial aggregation in bounded memory: rows are added to {@code groups} until it
 * holds {@code maxGroups} (or the rows end), then every group is handed out as a row and the map
 * is cleared before reading on. A group may thus come out more than once per partition; the
 * aggregation that merges the partitions' rows merges those too. Spark's own partial aggregations
 * spill or fall back to sorting in the same case; here the bound is the number of groups, so a
 * segment key with a million values or a model with thousands of classes cannot fill the heap.
 */
public final class BoundedPartials<K, V> implements Iterator<InternalRow> {
    /** Counts (a key and a long, a few hundred bytes each) a task holds before handing them out. */
    public static final int MAX_COUNTS_PER_TASK = 100_000;
    private final Iterator<InternalRow> rows;
    private final Consumer<InternalRow> add;
    private final Map<K, V> groups;
    private final int maxGroups;
    private final BiFunction<K, V, InternalRow> toRow;
    private Iterator<Map.Entry<K, V>> out = Collections.emptyIterator();

    /**
     * @param add adds one input row to {@code groups}
     * @param toRow one group's output row
     */
    public BoundedPartials(Iterator<InternalRow> rows, Consumer<InternalRow> add, Map<K, V> groups, int maxGroups,
            BiFunction<K, V, InternalRow> toRow) {
        if (maxGroups < 1) {
            throw new IllegalArgumentException("maxGroups must be at least 1, not " + maxGroups);
        }
        this.rows = rows;
        this.add = add;
        this.groups = groups;
        this.maxGroups = maxGroups;
        this.toRow = toRow;
    }

    @Override
    public boolean hasNext() {
        if (out.hasNext()) {
            return true;
        }
        groups.clear();
        while (groups.size() < maxGroups && rows.hasNext()) {
            add.accept(rows.next());
        }
        out = groups.entrySet().iterator();
        return out.hasNext();
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map.Entry<K, V> group = out.next();
        return toRow.apply(group.getKey(), group.getValue());
    }
}
