package io.monitoring.quality;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurveSweepTest {
    private static final double TOL = 1e-12;

    @Test
    void tiesShareOnePointAndEachGroupSeesOnlyItsRows() {
        CurveSweep sweep = new CurveSweep();
        // group 1 has all four rows; group 2 only the two at 0.8 and 0.3
        sweep.add(0.9, true, "yes", new long[] {1});
        sweep.add(0.8, false, "yes", new long[] {1, 2});
        sweep.add(0.8, true, "yes", new long[] {1});
        sweep.add(0.3, true, "yes", new long[] {1, 2});
        List<CurveSweep.Result> results = sweep.results();
        assertEquals(2, results.size());
        CurveSweep.Result one = results.get(0);
        // points (tp, fp): (1, 0), (2, 1), (3, 1); ROC trapezoids 0 + 1*3/2 + 0, over 3 x 1
        assertEquals(1L, one.groupId());
        assertEquals(1.5 / 3, one.rocAuc(), TOL);
        // PR: precision 1, 2/3, 3/4; trapezoids 1*(1+1)/2 + 1*(2/3+1)/2 + 1*(3/4+2/3)/2, over 3
        assertEquals((1.0 + (2.0 / 3 + 1) / 2 + (0.75 + 2.0 / 3) / 2) / 3, one.prAuc(), TOL);
        assertEquals(3, one.lossRows());
        assertEquals(-Math.log(0.9) - Math.log(0.8) - Math.log(0.3), one.lossSum(), TOL);
        CurveSweep.Result two = results.get(1);
        // points (0, 1), (1, 1): the negative ranks above the positive
        assertEquals(0.0, two.rocAuc(), TOL);
        assertEquals(1, two.lossRows());
    }

    @Test
    void aCurveWithoutNegativesHasNoAreas() {
        CurveSweep sweep = new CurveSweep();
        sweep.add(0.7, true, "a", new long[] {5});
        CurveSweep.Result r = sweep.results().get(0);
        assertNull(r.rocAuc());
        assertNull(r.prAuc());
        assertEquals(-Math.log(0.7), r.lossSum(), TOL);
    }

    @Test
    void rowsOutOfOrderAreRefused() {
        CurveSweep sweep = new CurveSweep();
        sweep.add(0.2, true, "a", new long[] {1});
        assertThrows(IllegalStateException.class, () -> sweep.add(0.5, true, "a", new long[] {1}));
    }

    @Test
    void probabilitiesAreClippedInTheLoss() {
        assertEquals(-Math.log(CurveSweep.EPS), CurveSweep.loss(0.0), TOL);
        assertEquals(-Math.log1p(-CurveSweep.EPS), CurveSweep.loss(1.0), TOL);
    }
}
