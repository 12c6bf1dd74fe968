package io.monitoring.sample;

/** Running counts of one model while generating; becomes a {@link ModelCounts}. */
final class ModelCounter {
    long inferences;
    long errors;
    long trainingRecords;
    long inlineActuals;
    long delayedActuals;
    long batchEnvelopes;
    long inferenceLines;

    void add(ModelCounter other) {
        inferences += other.inferences;
        errors += other.errors;
        trainingRecords += other.trainingRecords;
        inlineActuals += other.inlineActuals;
        delayedActuals += other.delayedActuals;
        batchEnvelopes += other.batchEnvelopes;
        inferenceLines += other.inferenceLines;
    }

    ModelCounts toCounts(SampleModel model) {
        return new ModelCounts(model.id, model.format, model.kind, inferences, errors, trainingRecords,
                inlineActuals, delayedActuals, batchEnvelopes, inferenceLines, model.featureNames());
    }
}
