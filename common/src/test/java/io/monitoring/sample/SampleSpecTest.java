package io.monitoring.sample;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SampleSpecTest {
    private static SampleSpec.Builder base() {
        return SampleSpec.builder().outputRoot("file:///tmp/sample");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SampleSpec s = base().build();
        assertEquals(42, s.seed());
        assertEquals(20_000, s.records());
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), s.start());
        assertEquals(7, s.days());
        assertEquals(Instant.parse("2026-02-08T00:00:00Z"), s.end());
        assertTrue(s.gzip());
        assertEquals(50_000, s.recordsPerFile());
        assertEquals(0.6, s.actualShare());
        assertEquals(72, s.maxActualDelayHours());
        assertEquals(0.01, s.errorShare());
        assertEquals(0.0, s.badShare());
        assertEquals(List.of(), s.driftFeatures());
        assertNull(s.driftStart());
        assertEquals(2.0, s.driftShift());
        assertNull(s.qualityDropStart());
        assertEquals(8, s.numericFeatures());
        assertEquals(4, s.categoricalFeatures());
        assertEquals(8, s.embeddingDim());
        assertFalse(s.overwrite());
    }

    @Test
    void builderAndWithMethodsRoundTrip() {
        SampleSpec s = base().seed(1).records(10).driftFeatures(List.of("amount"))
                .driftStart(Instant.parse("2026-02-03T00:00:00Z")).build();
        assertEquals(s, s.toBuilder().build());
        assertEquals(2, s.withSeed(2).seed());
        assertEquals(99, s.withRecords(99).records());
        assertEquals("s3a://bucket/landing", s.withOutputRoot("s3a://bucket/landing").outputRoot());
        assertEquals(s.driftFeatures(), s.withSeed(2).driftFeatures());
    }

    @Test
    void driftFeaturesAreCopied() {
        List<String> features = new ArrayList<>(List.of("amount"));
        SampleSpec s = base().driftFeatures(features).driftStart(Instant.parse("2026-02-03T00:00:00Z")).build();
        features.add("sqft");
        assertEquals(List.of("amount"), s.driftFeatures());
        assertThrows(UnsupportedOperationException.class, () -> s.driftFeatures().add("x"));
    }

    @Test
    void invalidSpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SampleSpec.builder().build());
        assertThrows(IllegalArgumentException.class, () -> base().records(-1).build());
        assertThrows(IllegalArgumentException.class, () -> base().days(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> base().start(Instant.parse("2026-02-01T06:00:00Z")).build());
        assertThrows(IllegalArgumentException.class, () -> base().actualShare(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> base().badShare(-0.1).build());
        assertThrows(IllegalArgumentException.class, () -> base().recordsPerFile(0).build());
        assertThrows(IllegalArgumentException.class, () -> base().maxActualDelayHours(-1).build());
        assertThrows(IllegalArgumentException.class, () -> base().embeddingDim(0).build());
        assertThrows(IllegalArgumentException.class, () -> base().driftFeatures(List.of("amount")).build());
    }

    @Test
    void unknownDriftFeaturesAreRejectedByTheGenerator() {
        SampleSpec typo = base().driftFeatures(List.of("ammount")).driftStart(Instant.parse("2026-02-03T00:00:00Z"))
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SampleLogGenerator(typo));
        assertTrue(e.getMessage().contains("ammount"));
        SampleSpec embedding = typo.toBuilder().driftFeatures(List.of("query_embedding", "num_feature_9"))
                .numericFeatures(10).build();
        assertDoesNotThrow(() -> new SampleLogGenerator(embedding));
    }
}
