package io.monitoring.spark.columnar;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.DataType;

/**
 * What a plan does above its columnar scan, over the scan's columns ({@code input}): the rows it
 * keeps ({@code filter}, null: all) and where each output column comes from ({@code readOrdinals}: the
 * scan column, or -(k+1) for the k-th of {@code computed}), with the output's types. Sent to the
 * executors, which bind and generate their predicate and projection from it.
 */
record ScanProjection(List<Attribute> input, Expression filter, List<Expression> computed, int[] readOrdinals, DataType[] types)
        implements Serializable {}
