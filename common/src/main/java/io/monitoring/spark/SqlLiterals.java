package io.monitoring.spark;

import java.util.Collection;
import java.util.stream.Collectors;
import org.apache.spark.sql.functions;

/**
 * SQL text for values that must go into a predicate Spark parses (a Delta replaceWhere or merge
 * condition, a generated expression). Rendered by Spark's own literal printer, so a value holding
 * quotes, backslashes or control characters (model ids are data) reads back as the same value
 * instead of changing the predicate.
 */
public final class SqlLiterals {
    private SqlLiterals() {}

    public static String string(String value) {
        return functions.lit(value).expr().sql();
    }

    /** {@code 'a', 'b', ...} for an IN list, in the collection's order. */
    public static String list(Collection<String> values) {
        return values.stream().map(SqlLiterals::string).collect(Collectors.joining(", "));
    }

    /** {@code delta.`path`}: the Delta table at {@code path} as a SQL table name. */
    public static String deltaTable(String path) {
        return "delta.`" + path.replace("`", "``") + "`";
    }
}
