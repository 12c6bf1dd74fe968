package io.monitoring.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Domain features of each sample model. A model takes the first {@code numericFeatures} /
 * {@code categoricalFeatures} of its list; when it asks for more, generic {@code num_feature_N} /
 * {@code cat_feature_N} features are appended (shared names across models, so drifting one of those
 * drifts it in every model).
 */
final class FeatureCatalog {
    static final List<NumericFeature> FRAUD_NUMERIC = List.of(
            NumericFeature.skewed("amount", 85, 120, 2),
            NumericFeature.count("account_age_days", 900, 700),
            NumericFeature.count("txn_count_24h", 4, 3),
            NumericFeature.skewed("avg_amount_30d", 70, 60, 2),
            NumericFeature.skewed("distance_from_home_km", 25, 60, 2),
            NumericFeature.normal("merchant_risk_score", 0.35, 0.1, 4, 0),
            NumericFeature.skewed("minutes_since_last_txn", 600, 1500, 1),
            NumericFeature.count("card_age_days", 1100, 800));

    static List<String[]> fraudCategorical() {
        return List.of(
                of("merchant_category", "grocery", "restaurants", "fuel", "online_retail", "travel", "electronics",
                        "entertainment", "jewelry"),
                of("payment_method", "chip", "contactless", "online", "swipe", "manual_entry"),
                of("country", "US", "GB", "DE", "FR", "CA", "BR", "IN", "NG"),
                of("device_type", "ios", "android", "desktop", "pos_terminal"));
    }

    static final List<NumericFeature> INTENT_NUMERIC = List.of(
            NumericFeature.count("message_length", 120, 90),
            NumericFeature.count("num_tokens", 28, 20),
            NumericFeature.normal("sentiment_score", 0.1, 0.35, 4, -1),
            NumericFeature.count("session_turns", 3, 2.5),
            NumericFeature.count("account_tenure_days", 700, 500),
            NumericFeature.count("prior_tickets_30d", 1.2, 1.5),
            NumericFeature.normal("avg_word_length", 4.7, 0.6, 2, 1),
            NumericFeature.skewed("caps_ratio", 0.05, 0.04, 4));

    static List<String[]> intentCategorical() {
        return List.of(
                of("channel", "chat", "email", "voice", "sms", "social"),
                of("language", "en", "es", "fr", "de", "pt", "hi"),
                of("customer_tier", "basic", "plus", "pro", "enterprise"),
                of("product_area", "payments", "mobile_app", "website", "hardware", "subscription", "delivery"));
    }

    static final List<NumericFeature> PRICE_NUMERIC = List.of(
            NumericFeature.count("sqft", 1800, 700),
            NumericFeature.integerNormal("bedrooms", 3, 1, 0),
            NumericFeature.normal("bathrooms", 2.1, 0.8, 1, 1),
            NumericFeature.count("lot_size_sqft", 7500, 5000),
            NumericFeature.integerNormal("year_built", 1978, 25, 1850),
            NumericFeature.skewed("distance_to_center_km", 12, 9, 2),
            NumericFeature.normal("school_rating", 6.5, 1.8, 1, 0),
            NumericFeature.count("days_on_market", 35, 30));

    static List<String[]> priceCategorical() {
        return List.of(
                of("neighborhood", "suburbs_north", "midtown", "suburbs_south", "downtown", "riverside", "old_town",
                        "hillside", "industrial"),
                of("property_type", "single_family", "condo", "townhouse", "multi_family"),
                of("condition", "good", "excellent", "fair", "needs_work"),
                of("heating", "gas", "electric", "heat_pump", "oil"));
    }

    /** The ranker's first numeric and first two categorical features are the seed-000 fields. */
    static final List<NumericFeature> RANKER_NUMERIC = List.of(
            NumericFeature.count("session_duration", 240, 200),
            NumericFeature.count("items_in_cart", 2, 2),
            NumericFeature.count("pages_viewed", 8, 6),
            NumericFeature.skewed("days_since_last_visit", 6, 10, 2),
            NumericFeature.skewed("avg_order_value", 60, 45, 2),
            NumericFeature.integerNormal("query_length", 18, 8, 1),
            NumericFeature.normal("discount_affinity", 0.4, 0.15, 4, 0),
            NumericFeature.count("past_purchases", 12, 15));

    static List<String[]> rankerCategorical() {
        return List.of(
                of("category", "electronics", "fashion", "home", "books", "sports", "beauty", "toys", "grocery"),
                of("price_range", "mid", "low", "high", "premium"),
                of("device", "mobile_app", "mobile_web", "desktop", "tablet"),
                of("traffic_source", "organic", "ads", "direct", "email", "social"));
    }

    static final List<NumericFeature> HARDHAT_NUMERIC = List.of(
            NumericFeature.normal("brightness", 0.55, 0.15, 4, 0),
            NumericFeature.normal("contrast", 0.4, 0.1, 4, 0),
            NumericFeature.skewed("blur_score", 0.2, 0.15, 4),
            NumericFeature.normal("camera_height_m", 4, 1, 2, 0.5),
            NumericFeature.skewed("distance_to_subject_m", 8, 5, 2),
            NumericFeature.normal("ambient_temp_c", 18, 8, 1, -40),
            NumericFeature.skewed("noise_level", 0.08, 0.05, 4),
            NumericFeature.skewed("exposure_ms", 12, 8, 2));

    static List<String[]> hardhatCategorical() {
        return List.of(
                of("site", "site_a", "site_b", "site_c", "site_d", "site_e", "site_f"),
                of("camera_id", "cam_01", "cam_02", "cam_03", "cam_04", "cam_05", "cam_06", "cam_07", "cam_08",
                        "cam_09", "cam_10", "cam_11", "cam_12"),
                of("lighting", "daylight", "artificial", "low_light", "night_ir"),
                of("weather", "clear", "overcast", "rain", "fog"));
    }

    private FeatureCatalog() {
    }

    /** The first {@code count} numeric features of {@code domain}, padded with generic ones. */
    static List<NumericFeature> numeric(List<NumericFeature> domain, int count) {
        List<NumericFeature> out = new ArrayList<>(domain.subList(0, Math.min(count, domain.size())));
        for (int i = out.size(); i < count; i++) {
            out.add(NumericFeature.normal("num_feature_" + i, 50, 10, 3, Double.NEGATIVE_INFINITY));
        }
        return out;
    }

    /** The first {@code count} categorical features of {@code domain}, padded with generic ones. */
    static List<CategoricalFeature> categorical(List<String[]> domain, int count, double driftShift) {
        List<CategoricalFeature> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i < domain.size()) {
                String[] def = domain.get(i);
                out.add(new CategoricalFeature(def[0], List.of(def).subList(1, def.length), driftShift));
            } else {
                out.add(new CategoricalFeature("cat_feature_" + i,
                        List.of("c0", "c1", "c2", "c3", "c4", "c5"), driftShift));
            }
        }
        return out;
    }

    private static String[] of(String name, String... categories) {
        String[] def = new String[categories.length + 1];
        def[0] = name;
        System.arraycopy(categories, 0, def, 1, categories.length);
        return def;
    }
}
