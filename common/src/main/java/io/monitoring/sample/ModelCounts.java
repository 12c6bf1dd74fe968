package io.monitoring.sample;

import java.util.List;

/**
 * What was written for one model.
 *
 * @param modelId         model id ({@code model_id} in Arize records, {@code monitor_id} in Guardian ones)
 * @param format          record format of the model's lines
 * @param kind            model kind
 * @param inferences      inference records written (production, training and failed ones; an envelope's
 *                        members count one each)
 * @param errors          failed inferences (Guardian {@code error} object, no prediction)
 * @param trainingRecords Arize {@code environment_params.training} records (always with an inline actual)
 * @param inlineActuals   production records carrying their actual in the same record
 * @param delayedActuals  actual records written under {@code actuals/}
 * @param batchEnvelopes  Guardian {@code {"inferences": [...]}} envelopes written
 * @param inferenceLines  lines written under {@code inferences/} (a record, or an envelope)
 * @param featureNames    the model's feature names, numeric first
 */
public record ModelCounts(
        String modelId,
        RecordFormat format,
        ModelKind kind,
        long inferences,
        long errors,
        long trainingRecords,
        long inlineActuals,
        long delayedActuals,
        long batchEnvelopes,
        long inferenceLines,
        List<String> featureNames) {

    public ModelCounts {
        featureNames = List.copyOf(featureNames);
    }
}
