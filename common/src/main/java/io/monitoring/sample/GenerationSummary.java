package io.monitoring.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What {@link SampleLogGenerator#generate()} wrote; also written to {@code {root}/_generation.json}.
 *
 * @param spec           the spec that was generated
 * @param models         counts per model, in a fixed order
 * @param badLines       malformed lines per {@link BadLineReason#reason()}, every reason present, enum order
 * @param inferenceFiles files under {@code inferences/}
 * @param actualFiles    files under {@code actuals/}
 * @param inferenceLines lines under {@code inferences/} (records, envelopes and malformed lines)
 * @param actualLines    lines under {@code actuals/}
 * @param files          every file written, ordered by path
 */
public record GenerationSummary(
        SampleSpec spec,
        List<ModelCounts> models,
        Map<String, Long> badLines,
        long inferenceFiles,
        long actualFiles,
        long inferenceLines,
        long actualLines,
        List<WrittenFile> files) {

    public GenerationSummary {
        models = List.copyOf(models);
        badLines = Collections.unmodifiableMap(new LinkedHashMap<>(badLines));
        files = List.copyOf(files);
    }

    public ModelCounts model(String modelId) {
        return models.stream().filter(m -> m.modelId().equals(modelId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no model " + modelId));
    }

    /** Inference records over all models; equals {@code spec().records()}. */
    public long totalInferences() {
        return models.stream().mapToLong(ModelCounts::inferences).sum();
    }

    public long totalBadLines() {
        return badLines.values().stream().mapToLong(Long::longValue).sum();
    }
}
