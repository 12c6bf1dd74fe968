package io.monitoring.sample;

/** The two landing record formats: seed 000 ("Guardian") and seed 001 ("Arize"). */
public enum RecordFormat {
    GUARDIAN("guardian"),
    ARIZE("arize");

    private final String id;

    RecordFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
