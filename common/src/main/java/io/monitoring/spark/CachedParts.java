package io.monitoring.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Intermediate results that several later steps of one query read: each is computed once, kept
 * (memory, then disk) and released together when the query has been written.
 *
 * <p>Why: a part behind {@link Plans#detached} is an RDD, and every Dataset built on it runs its
 * last stage again; a part read by three aggregations (say the confusion counts, or the score
 * points both AUC and log loss come from) was computed three times, each time from the cached
 * evaluation rows. Kept, it is read from the cache instead, and a lost block is recomputed from
 * its lineage.
 */
public final class CachedParts implements AutoCloseable {
    private final List<Dataset<Row>> kept = new ArrayList<>();

    /** The rows, persisted and behind a detached plan; computed on first use. */
    public Dataset<Row> keep(Dataset<Row> rows) {
        Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
        kept.add(persisted);
        return Plans.detached(persisted);
    }

    /** Releases every kept part (non-blocking). */
    @Override
    public void close() {
        kept.forEach(d -> d.unpersist(false));
        kept.clear();
    }
}
