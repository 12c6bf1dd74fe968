package io.monitoring.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The cached evaluation rows get more partitions as the input grows, so no partition's block grows with it. */
class QualityCachePartitionsTest {
    @Test
    void partitionsFollowTheRowsAboveTheShufflePartitions() {
        assertEquals(8, QualityMetrics.cachePartitions(0, 8));
        assertEquals(8, QualityMetrics.cachePartitions(4_000_000, 8));
        assertEquals(9, QualityMetrics.cachePartitions(4_000_001, 8));
        assertEquals(20, QualityMetrics.cachePartitions(10_000_000, 8));
        assertEquals(200, QualityMetrics.cachePartitions(10_000_000, 200));
        assertEquals(2, QualityMetrics.cachePartitions(1_000_000, 2));
    }
}
