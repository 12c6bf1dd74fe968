package io.monitoring.ingest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The typed features of one record, split the way the inferences table stores them. */
record Features(Map<String, Double> numeric, Map<String, String> categorical, Map<String, List<Double>> embedding) {
    static Features empty() {
        return new Features(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }
}
