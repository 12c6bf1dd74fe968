package io.monitoring.spark;

import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {
    private static final String KEY = "spark.sql.objectHashAggregate.sortBased.fallbackThreshold";

    @Test
    void theSettingHoldsDuringTheActionOnlyEvenWhenItFails() {
        SparkSession spark = SharedSpark.get();
        assertFalse(spark.conf().contains(KEY));
        assertEquals("16384", SessionSettings.during(spark, KEY, "16384", () -> spark.conf().get(KEY)));
        assertFalse(spark.conf().contains(KEY));
        assertThrows(IllegalStateException.class, () -> SessionSettings.during(spark, KEY, "16384", () -> {
            throw new IllegalStateException("action failed");
        }));
        assertFalse(spark.conf().contains(KEY));
    }

    @Test
    void aValueTheUserSetIsKept() {
        SparkSession spark = SharedSpark.get();
        spark.conf().set(KEY, "256");
        try {
            assertEquals("256", SessionSettings.during(spark, KEY, "16384", () -> spark.conf().get(KEY)));
            assertEquals("256", spark.conf().get(KEY));
        } finally {
            spark.conf().unset(KEY);
        }
    }
}
