package io.monitoring.sample;

/** The kind of model a sample model stands for. */
public enum ModelKind {
    BINARY_CLASSIFICATION("binary_classification"),
    MULTICLASS_CLASSIFICATION("multiclass_classification"),
    REGRESSION("regression"),
    RANKING("ranking"),
    OBJECT_DETECTION("object_detection");

    private final String id;

    ModelKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
