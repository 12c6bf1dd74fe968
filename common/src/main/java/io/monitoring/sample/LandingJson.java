package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The Jackson streaming setup for landing files, and the field names of both formats pre-encoded once.
 * Only jackson-core is used: streaming is what keeps memory flat, and it is the fast path.
 */
final class LandingJson {
    /** No separator between root values: each line ends with an explicit newline instead. */
    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((SerializableString) null)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    // Shared
    static final SerializedString TIMESTAMP = name("timestamp");
    static final SerializedString LABEL = name("label");
    static final SerializedString SCORE = name("score");
    static final SerializedString ACTUAL = name("actual");
    static final SerializedString PREDICTION = name("prediction");
    static final SerializedString USER_SEGMENT = name("user_segment");
    static final SerializedString REGION = name("region");
    static final SerializedString PLATFORM = name("platform");
    static final SerializedString DEPLOYMENT_TYPE = name("deployment_type");
    static final SerializedString INFERENCE_SERVER_VERSION = name("inference_server_version");
    static final SerializedString MODEL_VERSION = name("model_version");
    static final SerializedString LATENCY_MS = name("latency_ms");

    // Arize (seed 001)
    static final SerializedString MODEL_ID = name("model_id");
    static final SerializedString PREDICTION_ID = name("prediction_id");
    static final SerializedString SCORE_CATEGORICAL = name("score_categorical");
    static final SerializedString SCORE_CATEGORY = name("score_category");
    static final SerializedString CATEGORY = name("category");
    static final SerializedString NUMERIC = name("numeric");
    static final SerializedString FEATURES = name("features");
    static final SerializedString TAGS = name("tags");
    static final SerializedString DOUBLE = name("double");
    static final SerializedString STRING = name("string");
    static final SerializedString INT = name("int");
    static final SerializedString ENVIRONMENT_PARAMS = name("environment_params");
    static final SerializedString PRODUCTION = name("production");
    static final SerializedString TRAINING = name("training");

    // Guardian (seed 000)
    static final SerializedString ID = name("id");
    static final SerializedString MONITOR_ID = name("monitor_id");
    static final SerializedString INPUT_DATA = name("input_data");
    static final SerializedString METADATA = name("metadata");
    static final SerializedString ERROR = name("error");
    static final SerializedString CODE = name("code");
    static final SerializedString MESSAGE = name("message");
    static final SerializedString INFERENCES = name("inferences");

    private LandingJson() {
    }

    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    private static SerializedString name(String s) {
        return new SerializedString(s);
    }
}
