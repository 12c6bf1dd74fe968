package io.monitoring.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.junit.jupiter.api.Test;

/** However small the bound, the partials add up to the whole; the map never holds more than the bound between reads. */
class BoundedPartialsTest {
    private static List<InternalRow> rows(long... keys) {
        List<InternalRow> rows = new ArrayList<>();
        for (long k : keys) {
            rows.add(new GenericInternalRow(new Object[] {k}));
        }
        return rows;
    }

    private static Map<Long, Long> countAll(List<InternalRow> input, int maxGroups, List<Integer> sizesSeen) {
        Map<Long, long[]> groups = new HashMap<>();
        Iterator<InternalRow> partials = new BoundedPartials<>(input.iterator(), row -> {
            groups.computeIfAbsent(row.getLong(0), k -> new long[1])[0]++;
            sizesSeen.add(groups.size());
        }, groups, maxGroups, (k, n) -> new GenericInternalRow(new Object[] {k, n[0]}));
        Map<Long, Long> total = new TreeMap<>();
        while (partials.hasNext()) {
            InternalRow r = partials.next();
            total.merge(r.getLong(0), r.getLong(1), Long::sum);
        }
        return total;
    }

    @Test
    void partialsAddUpToTheWholeAtAnyBound() {
        List<InternalRow> input = rows(1, 2, 3, 1, 1, 4, 2, 5, 1, 3);
        Map<Long, Long> expected = Map.of(1L, 4L, 2L, 2L, 3L, 2L, 4L, 1L, 5L, 1L);
        for (int max : List.of(1, 2, 3, 1000)) {
            List<Integer> sizes = new ArrayList<>();
            assertEquals(new TreeMap<>(expected), countAll(input, max, sizes), "bound " + max);
            assertTrue(sizes.stream().allMatch(s -> s <= max), "held at most " + max + ": " + sizes);
        }
    }

    @Test
    void noRowsNoPartialsAndABoundBelowOneIsRefused() {
        Iterator<InternalRow> none = new BoundedPartials<>(List.<InternalRow>of().iterator(), r -> { }, new HashMap<Long, long[]>(), 5,
                (k, v) -> null);
        assertFalse(none.hasNext());
        assertThrows(IllegalArgumentException.class, () -> new BoundedPartials<>(List.<InternalRow>of().iterator(), r -> { },
                new HashMap<Long, long[]>(), 0, (k, v) -> null));
    }
}
