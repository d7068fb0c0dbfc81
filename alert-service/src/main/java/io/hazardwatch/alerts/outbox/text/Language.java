package io.hazardwatch.alerts.outbox.text;

/** A recipient's language ({@code people[].language} in the alerting policy): Chinese unless they asked for English. */
public enum Language {
    ZH, EN;

    /** {@code zh} or {@code en} (any case); null or blank: Chinese. */
    public static Language of(String code) {
        if (code == null || code.isBlank() || code.equalsIgnoreCase("zh")) {
            return ZH;
        }
        if (code.equalsIgnoreCase("en")) {
            return EN;
        }
        throw new IllegalArgumentException("'" + code + "' is not zh or en");
    }
}
