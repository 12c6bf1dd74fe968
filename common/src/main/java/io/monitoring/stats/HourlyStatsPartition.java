package io.monitoring.stats;

import static io.monitoring.model.Columns.*;

import io.monitoring.model.Schemas;
import io.monitoring.spark.BoundedPartials;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One partition's inferences aggregated into its {@code inference_stats} groups in one pass: each
 * inference is read once ({@link InferenceFacts}) and added to the cell of every (slice x
 * prediction item) it belongs to, with segment values already capped ({@link SegmentCaps}). The
 * partition's cells come out as rows of {@link #SCHEMA}, which the groups' rows of all partitions
 * are merged from.
 */
final class HourlyStatsPartition {
    /** A partition's cell: the group, then its aggregates (sums null when nothing was summed). */
    static final StructType SCHEMA = new StructType()
            .add(WINDOW_START, DataTypes.TimestampType, false)
            .add(WORKSPACE, DataTypes.StringType, false)
            .add(MODEL_ID, DataTypes.StringType, false)
            .add(MODEL_VERSION, DataTypes.StringType, true)
            .add(LEVEL, DataTypes.StringType, false)
            .add(PREDICTED_CLASS, DataTypes.StringType, true)
            .add(SLICE_KEY, DataTypes.StringType, true)
            .add(SLICE_VALUE, DataTypes.StringType, true)
            .add(NUM_INFERENCES, DataTypes.LongType, false)
            .add(NUM_ERRORS, DataTypes.LongType, false)
            .add(CLASS_COUNT, DataTypes.LongType, false)
            .add(CONFIDENCE_SUM, Schemas.CONFIDENCE_SUM_TYPE, true)
            .add(CONFIDENCE_COUNT, DataTypes.LongType, false)
            .add(CONFIDENCE_SKETCH, DataTypes.BinaryType, true)
            .add(LATENCY_SUM_MS, Schemas.LATENCY_SUM_TYPE, true)
            .add(LATENCY_COUNT, DataTypes.LongType, false)
            .add(LATENCY_SKETCH, DataTypes.BinaryType, true)
            .add(DEPLOYMENT_TYPES, DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add(SERVER_VERSIONS, DataTypes.createArrayType(DataTypes.StringType, false), false);

    private final InferenceFacts facts;
    private final SegmentCaps caps;
    private final Map<String, String> workspaceOfModel;
    private final String defaultWorkspace;
    private final StringCache strings = new StringCache();
    private final HashMap<CellKey, StatsCell> cells = new HashMap<>();
    private final CellKey probe = new CellKey();
    private final int maxCells;

    /** {@code maxCells}: how many cells are held before they are handed out ({@link BoundedPartials}). */
    HourlyStatsPartition(InferenceFacts.Layout layout, SegmentCaps caps, Map<String, String> workspaceOfModel, String defaultWorkspace,
            int maxCells) {
        this.maxCells = maxCells;
        this.facts = new InferenceFacts(layout);
        this.caps = caps;
        this.workspaceOfModel = workspaceOfModel;
        this.defaultWorkspace = defaultWorkspace;
    }

    /** {@code rows}: rows of all the {@link InferenceFacts#columns}. */
    Iterator<InternalRow> aggregate(Iterator<InternalRow> rows) {
        return new BoundedPartials<>(rows, row -> {
            facts.read(row);
            add();
        }, cells, maxCells, this::row);
    }

    private void add() {
        String scope = strings.of(facts.scope);
        probe.hour = facts.hourStartMicros;
        probe.model = strings.of(facts.model);
        probe.version = strings.of(facts.version);
        // the whole model, then each segment key the inference has a value for
        for (int k = -1; k < facts.segmentValues.length; k++) {
            if (k < 0) {
                probe.sliceKey = null;
                probe.sliceValue = null;
            } else if (facts.segmentValues[k] == null) {
                continue;
            } else {
                probe.sliceKey = caps.keys().get(k);
                probe.sliceValue = caps.capped(scope, probe.model, k, strings.of(facts.segmentValues[k]));
            }
            for (int p = 0; p < facts.predictions; p++) {
                probe.level = InferenceStatsAggregation.LEVEL_CLASS;
                probe.cls = strings.of(facts.predictedClass[p]);
                cell().add(facts, facts.firstOfClass[p], facts.confidence[p], facts.confidenceUnits[p]);
            }
            for (int p = 0; p < facts.predictions; p++) {
                probe.level = InferenceStatsAggregation.LEVEL_MODEL;
                probe.cls = null;
                // at model level only the inference's first item carries the inference
                cell().add(facts, p == 0, facts.confidence[p], facts.confidenceUnits[p]);
            }
        }
    }

    private StatsCell cell() {
        probe.rehash();
        StatsCell cell = cells.get(probe);
        if (cell == null) {
            cell = new StatsCell();
            cells.put(probe.copy(), cell);
        }
        return cell;
    }

    private InternalRow row(CellKey key, StatsCell cell) {
        return new GenericInternalRow(new Object[] {
            key.hour,
            StringCache.utf8(workspaceOfModel.getOrDefault(key.model, defaultWorkspace)),
            StringCache.utf8(key.model), StringCache.utf8(key.version), StringCache.utf8(key.level), StringCache.utf8(key.cls),
            StringCache.utf8(key.sliceKey), StringCache.utf8(key.sliceValue),
            cell.numInferences, cell.numErrors, cell.classCount,
            decimal(cell.confidenceSum.value(), Schemas.CONFIDENCE_SUM_TYPE), cell.confidenceCount,
            cell.confidenceSketch == null ? null : cell.confidenceSketch.toByteArray(),
            decimal(cell.latencySum.value(), Schemas.LATENCY_SUM_TYPE), cell.latencyCount,
            cell.latencySketch == null ? null : cell.latencySketch.toByteArray(),
            array(cell.deploymentTypes), array(cell.serverVersions)});
    }

    private static Decimal decimal(BigDecimal value, DataType type) {
        if (value == null) {
            return null;
        }
        DecimalType decimal = (DecimalType) type;
        Decimal d = Decimal.apply(value);
        return d.changePrecision(decimal.precision(), decimal.scale()) ? d : null;
    }

    private static GenericArrayData array(TreeSet<UTF8String> values) {
        return new GenericArrayData(values.toArray());
    }

    /** A group of a partition: hour, model, version, level, class, slice key and value (the workspace follows the model). */
    private static final class CellKey {
        long hour;
        String model;
        String version;
        String level;
        String cls;
        String sliceKey;
        String sliceValue;
        private int hash;

        void rehash() {
            int h = Long.hashCode(hour);
            h = 31 * h + Objects.hashCode(model);
            h = 31 * h + Objects.hashCode(version);
            h = 31 * h + Objects.hashCode(level);
            h = 31 * h + Objects.hashCode(cls);
            h = 31 * h + Objects.hashCode(sliceKey);
            hash = 31 * h + Objects.hashCode(sliceValue);
        }

        CellKey copy() {
            CellKey c = new CellKey();
            c.hour = hour;
            c.model = model;
            c.version = version;
            c.level = level;
            c.cls = cls;
            c.sliceKey = sliceKey;
            c.sliceValue = sliceValue;
            c.hash = hash;
            return c;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CellKey k && hour == k.hour && Objects.equals(model, k.model) && Objects.equals(version, k.version)
                    && Objects.equals(level, k.level) && Objects.equals(cls, k.cls) && Objects.equals(sliceKey, k.sliceKey)
                    && Objects.equals(sliceValue, k.sliceValue);
        }
    }
}
