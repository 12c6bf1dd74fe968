package io.monitoring.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.monitoring.testing.TestConfigs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cached evaluation rows get more partitions as the input grows, so no partition's block grows with it. */
class QualityCachePartitionsTest {
    @Test
    void partitionsFollowTheCopiesAboveTheShufflePartitions() {
        // two granularities and three segment keys: eight copies of each labelled inference
        QualityMetrics.Params p = QualityMetrics.Params.of(TestConfigs.under(Path.of("/tmp/unused"),
                Map.of("quality.granularities", "[hour, day]", "segments.keys", "[a, b, c]")));
        assertEquals(8, QualityMetrics.cachePartitions(0, p, 8));
        assertEquals(8, QualityMetrics.cachePartitions(1_000_000, p, 8));
        assertEquals(9, QualityMetrics.cachePartitions(1_000_001, p, 8));
        assertEquals(80, QualityMetrics.cachePartitions(10_000_000, p, 8));
        assertEquals(200, QualityMetrics.cachePartitions(10_000_000, p, 200));
    }

    @Test
    void fewerCopiesNeedFewerPartitions() {
        QualityMetrics.Params p = QualityMetrics.Params.of(TestConfigs.under(Path.of("/tmp/unused"),
                Map.of("quality.granularities", "[day]", "segments.keys", "[]")));
        assertEquals(10, QualityMetrics.cachePartitions(10_000_000, p, 2));
    }
}
