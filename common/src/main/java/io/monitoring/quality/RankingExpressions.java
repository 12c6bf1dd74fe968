package io.monitoring.quality;

import static org.apache.spark.sql.functions.expr;

import org.apache.spark.sql.Column;

/**
 * Per-inference ranking metrics as SQL higher-order expressions over the ranked items
 * ({@code pred}, in served order) and the relevant items ({@code lab}, optional graded relevance
 * {@code rel} aligned with the actual items). Definitions follow Spark MLlib's RankingMetrics, so
 * the mean over a group equals MLlib's value; an empty ground-truth set scores 0 (as in MLlib).
 */
final class RankingExpressions {
    private RankingExpressions() {}

    static final String PRED = "prediction_ranked_items";
    static final String ITEMS = "actual_items";
    static final String REL = "actual_relevance";
    /**
     * The distinct relevant items, a column {@link QualityRows#prepare} computes once per row
     * ({@link #relevantItems}) before these expressions read it: inside a lambda an inline
     * array_distinct would run again for every ranked item.
     */
    static final String LAB = "relevant_items";

    static Column relevantItems() {
        return expr("array_distinct(" + ITEMS + ")");
    }

    private static String hitFlags(int k) {
        return "transform(slice(" + PRED + ", 1, " + k + "), x -> IF(array_contains(" + LAB + ", x), 1D, 0D))";
    }

    private static String sum(String array) {
        return "aggregate(" + array + ", 0D, (a, b) -> a + b)";
    }

    private static String ifLabels(String value) {
        return "IF(size(" + LAB + ") > 0, " + value + ", 0D)";
    }

    /** |top-k ∩ relevant| / k. */
    static Column precisionAt(int k) {
        return expr(ifLabels(sum(hitFlags(k)) + " / " + k));
    }

    /** |top-k ∩ relevant| / |relevant|. */
    static Column recallAt(int k) {
        return expr(ifLabels(sum(hitFlags(k)) + " / size(" + LAB + ")"));
    }

    /** Average precision at k: sum over relevant positions i < k of hits(i)/i, divided by min(|relevant|, k). */
    static Column averagePrecisionAt(int k) {
        String terms = "transform(slice(" + PRED + ", 1, " + k + "), (x, i) -> IF(array_contains(" + LAB + ", x), "
                + "size(filter(slice(" + PRED + ", 1, i + 1), y -> array_contains(" + LAB + ", y))) / (i + 1), 0D))";
        return expr(ifLabels(sum(terms) + " / least(size(" + LAB + "), " + k + ")"));
    }

    /**
     * NDCG at k. Binary relevance when no grades are given (gain 1); otherwise gain 2^rel - 1 with
     * rel looked up by item. The ideal DCG sorts the grades descending (MLlib takes the actual items
     * in the order given, which is the same when they are listed by relevance).
     */
    static Column ndcgAt(int k) {
        String graded = REL + " IS NOT NULL AND size(" + REL + ") > 0";
        String relOf = "IF(array_position(" + ITEMS + ", x) > 0, element_at(" + REL + ", CAST(array_position(" + ITEMS + ", x) AS INT)), 0D)";
        String dcgBinary = sum("transform(slice(" + PRED + ", 1, " + k + "), (x, i) -> IF(array_contains(" + LAB + ", x), 1D / ln(i + 2), 0D))");
        String idcgBinary = sum("transform(slice(" + LAB + ", 1, " + k + "), (x, i) -> 1D / ln(i + 2))");
        String dcgGraded = sum("transform(slice(" + PRED + ", 1, " + k + "), (x, i) -> (pow(2D, " + relOf + ") - 1D) / ln(i + 2))");
        String idcgGraded = sum("transform(slice(reverse(array_sort(" + REL + ")), 1, least(size(" + LAB + "), " + k + ")), "
                + "(r, i) -> (pow(2D, r) - 1D) / ln(i + 2))");
        String dcg = "IF(" + graded + ", " + dcgGraded + ", " + dcgBinary + ")";
        String idcg = "IF(" + graded + ", " + idcgGraded + ", " + idcgBinary + ")";
        return expr(ifLabels("IF(" + idcg + " = 0D, 0D, " + dcg + " / " + idcg + ")"));
    }

    /** Reciprocal rank of the first relevant item (0 when none is ranked). */
    static Column reciprocalRank() {
        return expr("aggregate(transform(" + PRED + ", (x, i) -> IF(array_contains(" + LAB + ", x), 1D / (i + 1), 0D)), "
                + "0D, (a, b) -> greatest(a, b))");
    }
}
