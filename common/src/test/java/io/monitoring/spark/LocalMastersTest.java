package io.monitoring.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LocalMastersTest {
    @Test
    void localMastersGiveTheirTaskThreads() {
        assertEquals(OptionalInt.of(1), LocalMasters.cores("local"));
        assertEquals(OptionalInt.of(2), LocalMasters.cores("local[2]"));
        assertEquals(OptionalInt.of(4), LocalMasters.cores(" local[4,3] "));
        assertEquals(OptionalInt.of(Runtime.getRuntime().availableProcessors()), LocalMasters.cores("local[*]"));
        assertEquals(OptionalInt.of(1), LocalMasters.cores("local[0]"));
    }

    @Test
    void clusterMastersSayNothing() {
        assertEquals(OptionalInt.empty(), LocalMasters.cores("yarn"));
        assertEquals(OptionalInt.empty(), LocalMasters.cores("spark://host:7077"));
        assertEquals(OptionalInt.empty(), LocalMasters.cores("local-cluster[2,1,1024]"));
        assertEquals(OptionalInt.empty(), LocalMasters.cores(null));
    }
}
