package io.monitoring.sample;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How many records of each stream land on each day: the total split over models by fixed shares, the
 * fraud training baseline on the first day, production records over days by weekday weight, and the bad
 * lines likewise. Exact integers, so the summary adds up to the spec.
 */
final class GenerationPlan {
    /** Order of {@link #MODEL_SHARES} and of the model streams. */
    static final String[] MODEL_IDS = {
        FraudDetectorModel.ID, IntentClassifierModel.ID, PriceRegressorModel.ID, ProductRankerModel.ID,
        HardhatDetectorModel.ID};
    private static final double[] MODEL_SHARES = {0.30, 0.25, 0.15, 0.20, 0.10};

    final long[][] production;
    final long training;
    final long[] badLines;
    final long[] firstBadLine;

    GenerationPlan(SampleSpec spec, DailyProfile profile) {
        LocalDate first = LocalDate.ofInstant(spec.start(), ZoneOffset.UTC);
        double[] dayWeights = new double[spec.days()];
        for (int d = 0; d < spec.days(); d++) {
            dayWeights[d] = profile.dayWeight(first.plusDays(d));
        }
        long[] perModel = VolumePlan.split(spec.records(), MODEL_SHARES);
        training = Math.round(perModel[0] * FraudDetectorModel.TRAINING_SHARE);
        perModel[0] -= training;
        production = new long[MODEL_IDS.length][];
        for (int m = 0; m < MODEL_IDS.length; m++) {
            production[m] = VolumePlan.split(perModel[m], dayWeights);
        }
        badLines = VolumePlan.split(Math.round(spec.records() * spec.badShare()), dayWeights);
        firstBadLine = new long[spec.days()];
        for (int d = 1; d < spec.days(); d++) {
            firstBadLine[d] = firstBadLine[d - 1] + badLines[d - 1];
        }
    }
}
