package io.monitoring.quality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One ranked inference's metric terms, whose means over a group are its ranking metrics: the
 * reciprocal rank and, per cut-off k, NDCG, average precision, precision and recall. Definitions
 * follow Spark MLlib's RankingMetrics, so the means equal MLlib's values; an empty ground-truth
 * set scores 0 (as in MLlib). Pure, no Spark.
 *
 * <p>The arithmetic is Spark SQL's (StrictMath's log and pow, sums left to right from 0), so the
 * terms are the ones the SQL expressions they replace gave, bit for bit. A missing grade makes the
 * NDCG terms null, as SQL's arithmetic on null does.
 */
final class RankingTerms {
    private RankingTerms() {}

    /** Where each term sits in {@link #of}'s result; a cut-off's terms by its position in the cut-offs. */
    static final int RECIPROCAL_RANK = 0;

    static int ndcgIndex(int cutOffPosition) {
        return 1 + 4 * cutOffPosition;
    }

    static int averagePrecisionIndex(int cutOffPosition) {
        return 2 + 4 * cutOffPosition;
    }

    static int precisionIndex(int cutOffPosition) {
        return 3 + 4 * cutOffPosition;
    }

    static int recallIndex(int cutOffPosition) {
        return 4 + 4 * cutOffPosition;
    }

    /**
     * The terms of one inference.
     *
     * @param ranked the served items, in order
     * @param items the relevant items (the actual)
     * @param grades the graded relevance of {@code items}, aligned with them; null or empty for binary relevance
     * @param cutOffs the k of each cut-off
     * @return the reciprocal rank, then per cut-off (in the given order) NDCG, average precision, precision and recall
     */
    static Double[] of(List<String> ranked, List<String> items, List<Double> grades, int[] cutOffs) {
        Set<String> relevant = new HashSet<>(items);
        boolean[] hit = new boolean[ranked.size()];
        double reciprocalRank = 0.0;
        for (int i = ranked.size() - 1; i >= 0; i--) {
            hit[i] = ranked.get(i) != null && relevant.contains(ranked.get(i));
            if (hit[i]) {
                reciprocalRank = 1.0 / (i + 1);
            }
        }
        Double[] terms = new Double[1 + 4 * cutOffs.length];
        terms[RECIPROCAL_RANK] = reciprocalRank;
        boolean graded = grades != null && !grades.isEmpty();
        for (int c = 0; c < cutOffs.length; c++) {
            int k = cutOffs[c];
            if (relevant.isEmpty()) {
                terms[ndcgIndex(c)] = 0.0;
                terms[averagePrecisionIndex(c)] = 0.0;
                terms[precisionIndex(c)] = 0.0;
                terms[recallIndex(c)] = 0.0;
                continue;
            }
            int top = Math.min(k, ranked.size());
            double hits = 0.0;
            double precisionSum = 0.0;
            int hitsSoFar = 0;
            for (int i = 0; i < top; i++) {
                if (hit[i]) {
                    hits += 1.0;
                    hitsSoFar++;
                    precisionSum += (double) hitsSoFar / (double) (i + 1);
                }
            }
            terms[ndcgIndex(c)] = graded ? gradedNdcg(ranked, items, grades, relevant.size(), k) : Double.valueOf(binaryNdcg(hit, relevant.size(), k));
            terms[averagePrecisionIndex(c)] = precisionSum / Math.min(relevant.size(), k);
            terms[precisionIndex(c)] = hits / k;
            terms[recallIndex(c)] = hits / relevant.size();
        }
        return terms;
    }

    private static double discount(int position) {
        return StrictMath.log(position + 2.0);
    }

    private static double gain(double grade) {
        return StrictMath.pow(2.0, grade) - 1.0;
    }

    private static double binaryNdcg(boolean[] hit, int relevant, int k) {
        double dcg = 0.0;
        for (int i = 0; i < Math.min(k, hit.length); i++) {
            dcg += hit[i] ? 1.0 / discount(i) : 0.0;
        }
        double ideal = 0.0;
        for (int i = 0; i < Math.min(k, relevant); i++) {
            ideal += 1.0 / discount(i);
        }
        return ideal == 0.0 ? 0.0 : dcg / ideal;
    }

    /** Gain 2^grade - 1, the grade looked up by item; the ideal order takes the grades descending. */
    private static Double gradedNdcg(List<String> ranked, List<String> items, List<Double> grades, int relevant, int k) {
        Double dcg = 0.0;
        for (int i = 0; i < Math.min(k, ranked.size()) && dcg != null; i++) {
            int at = ranked.get(i) == null ? -1 : items.indexOf(ranked.get(i));
            Double grade = at < 0 ? Double.valueOf(0.0) : grades.get(at);
            dcg = grade == null ? null : dcg + gain(grade) / discount(i);
        }
        // descending, missing grades first: SQL's array_sort puts nulls last, and the order is reversed
        List<Double> descending = new ArrayList<>(grades);
        descending.sort((a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : Double.compare(b, a));
        Double ideal = 0.0;
        for (int i = 0; i < Math.min(relevant, Math.min(k, descending.size())) && ideal != null; i++) {
            Double grade = descending.get(i);
            ideal = grade == null ? null : ideal + gain(grade) / discount(i);
        }
        if (ideal == null) {
            return null;
        }
        return ideal == 0.0 ? Double.valueOf(0.0) : dcg == null ? null : dcg / ideal;
    }

    /** The cut-offs as an array, in order. */
    static int[] cutOffs(List<Integer> ks) {
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }
}
