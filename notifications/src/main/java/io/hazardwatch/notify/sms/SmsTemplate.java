package io.hazardwatch.notify.sms;

import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Recipient;
import io.hazardwatch.notify.http.Placeholders;
import io.vertx.core.json.Json;
import java.util.Objects;

/**
 * A provider-approved SMS template (Aliyun and Tencent send only those): the signature name, the template
 * code or id, and how its variables are filled: a JSON template with {@code ${placeholders}}
 * ({@link Placeholders#NAMES}), an object for Aliyun ({@code {"level":"${level}","site":"${subject}"}}),
 * an array of strings for Tencent ({@code ["${subject}","${level}"]}).
 */
public record SmsTemplate(String signName, String templateCode, String paramsTemplate) {

    public SmsTemplate {
        requireText(signName, "sign name");
        requireText(templateCode, "template code");
        requireText(paramsTemplate, "template params");
        Placeholders.check(paramsTemplate);
        Object sample = Json.decodeValue(Placeholders.fill(paramsTemplate, new Notification("i", "k",
                new Recipient("n", "sms", "+8613800000000"), AlarmLevel.FIRST, "s\"", "b\n"), Placeholders::jsonString));
        Objects.requireNonNull(sample, "template params");
    }

    public String paramsFor(Notification n) {
        return Placeholders.fill(paramsTemplate, n, Placeholders::jsonString);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
