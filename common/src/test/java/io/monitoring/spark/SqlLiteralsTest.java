package io.monitoring.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values that are data (model ids) read back unchanged from the SQL text built for them. */
class SqlLiteralsTest {
    private static final CatalystSqlParser PARSER = new CatalystSqlParser();

    @ParameterizedTest
    @ValueSource(strings = {"plain", "..\\..\\x", "a'b", "x' OR '1'='1", "x'); DROP TABLE t; --", "nul\u0000byte", "line\nbreak",
        "\\'", "a\\u0041b", "\"double\"", "é 東京 🚀", ""})
    void aLiteralReadsBackAsTheSameString(String value) {
        assertEquals(value, PARSER.parseExpression(SqlLiterals.string(value)).eval(null).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..\\..\\x", "x' OR '1'='1"})
    void anInListStaysOneValuePerElement(String hostile) {
        String predicate = "model_id IN (" + SqlLiterals.list(List.of("fraud", hostile)) + ")";
        assertEquals(2, PARSER.parseExpression(predicate).children().size() - 1, predicate);
    }
}
