package io.monitoring.quality;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTermsTest {
    private static final double TOL = 1e-12;

    private static double ln(double x) {
        return Math.log(x);
    }

    @Test
    void binaryRelevanceAtTwoCutOffs() {
        // hits at ranks 2 and 4 of five; three relevant items, one never served
        Double[] t = RankingTerms.of(List.of("a", "b", "c", "d", "e"), List.of("b", "d", "z"), null, new int[] {2, 5});
        assertEquals(0.5, t[RankingTerms.RECIPROCAL_RANK], TOL);
        // k = 2: one hit
        assertEquals(0.5, t[RankingTerms.precisionIndex(0)], TOL);
        assertEquals(1.0 / 3, t[RankingTerms.recallIndex(0)], TOL);
        assertEquals((1.0 / 2) / 2, t[RankingTerms.averagePrecisionIndex(0)], TOL);
        assertEquals((1 / ln(3)) / (1 / ln(2) + 1 / ln(3)), t[RankingTerms.ndcgIndex(0)], TOL);
        // k = 5: two hits
        assertEquals(2.0 / 5, t[RankingTerms.precisionIndex(1)], TOL);
        assertEquals(2.0 / 3, t[RankingTerms.recallIndex(1)], TOL);
        assertEquals((1.0 / 2 + 2.0 / 4) / 3, t[RankingTerms.averagePrecisionIndex(1)], TOL);
        assertEquals((1 / ln(3) + 1 / ln(5)) / (1 / ln(2) + 1 / ln(3) + 1 / ln(4)), t[RankingTerms.ndcgIndex(1)], TOL);
    }

    @Test
    void gradedRelevanceLooksTheGradeUpByItem() {
        // b has grade 1, a grade 3: the ideal order is a then b
        Double[] t = RankingTerms.of(List.of("b", "x", "a"), List.of("b", "a"), List.of(1.0, 3.0), new int[] {3});
        double dcg = (Math.pow(2, 1) - 1) / ln(2) + (Math.pow(2, 3) - 1) / ln(4);
        double ideal = (Math.pow(2, 3) - 1) / ln(2) + (Math.pow(2, 1) - 1) / ln(3);
        assertEquals(dcg / ideal, t[RankingTerms.ndcgIndex(0)], TOL);
        assertEquals(1.0, t[RankingTerms.RECIPROCAL_RANK], TOL);
    }

    @Test
    void noRelevantItemsScoreZeroAndNoHitHasNoReciprocalRank() {
        Double[] empty = RankingTerms.of(List.of("a"), List.of(), null, new int[] {1});
        assertArrayEquals(new Double[] {0.0, 0.0, 0.0, 0.0, 0.0}, empty);
        Double[] miss = RankingTerms.of(List.of("a", "b"), List.of("c"), null, new int[] {2});
        assertEquals(0.0, miss[RankingTerms.RECIPROCAL_RANK]);
        assertEquals(0.0, miss[RankingTerms.ndcgIndex(0)]);
    }

    @Test
    void aMissingGradeLeavesNdcgUnknownAndNullItemsNeverHit() {
        Double[] t = RankingTerms.of(Arrays.asList(null, "a"), List.of("a", "b"), Arrays.asList(2.0, null), new int[] {2});
        assertNull(t[RankingTerms.ndcgIndex(0)]);
        assertEquals(0.5, t[RankingTerms.RECIPROCAL_RANK], TOL);
        assertEquals(0.5, t[RankingTerms.precisionIndex(0)], TOL);
    }
}
