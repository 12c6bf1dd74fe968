package io.monitoring.quality;

import static io.monitoring.model.Columns.ACTUAL_ITEMS;
import static io.monitoring.model.Columns.ACTUAL_RELEVANCE;
import static io.monitoring.model.Columns.PREDICTION_RANKED_ITEMS;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The ranking metric terms of each inference ({@link RankingTerms}) as one array column, from the
 * ranked items, the actual items and their optional grades.
 *
 * <p>A function, not SQL: Spark evaluates higher-order functions (transform, filter, aggregate)
 * row by row outside generated code, and the terms as lambdas over the lists (average precision
 * looks the top i items up for each i) took most of the time of reading a day's labelled
 * inferences into the quality job's cache.
 */
final class RankingExpressions {
    private RankingExpressions() {}

    /** The terms of one inference, for {@link #term}; computed once per row, before the terms are read from it. */
    static final String TERMS = "ranking_terms";

    /** {@link RankingTerms#of} of the row's lists for the cut-offs {@code ks}. */
    static Column terms(List<Integer> ks) {
        int[] cutOffs = RankingTerms.cutOffs(ks);
        UserDefinedFunction f = functions.udf((UDF3<Seq<String>, Seq<String>, Seq<Double>, Double[]>) (ranked, items, grades) ->
                RankingTerms.of(JavaConverters.seqAsJavaList(ranked), JavaConverters.seqAsJavaList(items),
                        grades == null ? null : JavaConverters.seqAsJavaList(grades), cutOffs),
                DataTypes.createArrayType(DataTypes.DoubleType));
        return f.apply(col(PREDICTION_RANKED_ITEMS), col(ACTUAL_ITEMS), col(ACTUAL_RELEVANCE));
    }

    /** One term of the {@link #TERMS} column (null where it is), at an index of {@link RankingTerms}. */
    static Column term(int index) {
        return col(TERMS).getItem(index);
    }
}
