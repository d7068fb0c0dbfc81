package io.hazardwatch.notify.receipt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the providers' documented receipt callbacks into {@link Receipt}s. Pure parsing, no I/O; a body that is not
 * what the provider sends throws IllegalArgumentException naming what is missing.
 */
public final class ProviderReceipts {

    /** Aliyun's voice report: the person listened to the end and hung up. */
    static final String ALIYUN_CALL_ANSWERED = "200000";

    private ProviderReceipts() {
    }

    /**
     * Aliyun's HTTP batch push, a JSON array: SmsReport items ({@code biz_id}, {@code success}, {@code err_code},
     * {@code err_msg}) and VoiceReport items ({@code call_id}, {@code status_code}, {@code status_msg}).
     */
    public static List<Receipt> aliyun(String body) {
        List<Receipt> receipts = new ArrayList<>();
        for (JsonObject item : items(body)) {
            if (item.containsKey("call_id")) {
                String code = item.getString("status_code");
                receipts.add(new Receipt(item.getString("call_id"), ALIYUN_CALL_ANSWERED.equals(code),
                        ALIYUN_CALL_ANSWERED.equals(code) ? null : code + " " + item.getString("status_msg", "")));
            } else {
                boolean ok = Boolean.TRUE.equals(item.getValue("success")) || "true".equals(item.getValue("success"));
                receipts.add(new Receipt(item.getString("biz_id"), ok,
                        ok ? null : item.getString("err_code", "") + " " + item.getString("err_msg", "")));
            }
        }
        return receipts;
    }

    /** Tencent Cloud SMS status callback, a JSON array of {@code sid}, {@code report_status}, {@code errmsg}, {@code description}. */
    public static List<Receipt> tencent(String body) {
        List<Receipt> receipts = new ArrayList<>();
        for (JsonObject item : items(body)) {
            boolean ok = "SUCCESS".equals(item.getString("report_status"));
            receipts.add(new Receipt(item.getString("sid"), ok,
                    ok ? null : item.getString("errmsg", "") + " " + item.getString("description", "")));
        }
        return receipts;
    }

    /**
     * Twilio's StatusCallback form: {@code MessageSid}, {@code MessageStatus} ({@code delivered}, {@code read};
     * {@code undelivered}, {@code failed} with {@code ErrorCode}); the in-between states (queued, sent, ...) are no
     * receipt (empty).
     */
    public static Optional<Receipt> twilio(Map<String, String> form) {
        String status = form.get("MessageStatus");
        if (form.get("MessageSid") == null || status == null) {
            throw new IllegalArgumentException("MessageSid and MessageStatus are required");
        }
        return switch (status) {
            case "delivered", "read" -> Optional.of(new Receipt(form.get("MessageSid"), true, null));
            case "undelivered", "failed" -> Optional.of(new Receipt(form.get("MessageSid"), false,
                    status + (form.get("ErrorCode") == null ? "" : " (error " + form.get("ErrorCode") + ")")));
            default -> Optional.empty();
        };
    }

    /** Our generic gateways' callback: {@code {"id": "...", "status": "DELIVERED" | "FAILED", "reason": "..."}}. */
    public static Receipt generic(String body) {
        JsonObject json = object(body);
        String status = json.getString("status");
        if (!"DELIVERED".equals(status) && !"FAILED".equals(status)) {
            throw new IllegalArgumentException("status: DELIVERED or FAILED");
        }
        return new Receipt(json.getString("id"), "DELIVERED".equals(status), json.getString("reason"));
    }

    private static List<JsonObject> items(String body) {
        JsonArray array;
        try {
            array = new JsonArray(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("body: a JSON array of reports is required");
        }
        List<JsonObject> items = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof JsonObject o)) {
                throw new IllegalArgumentException("body: each report is a JSON object");
            }
            items.add(o);
        }
        return items;
    }

    private static JsonObject object(String body) {
        try {
            return new JsonObject(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("body: a JSON object is required");
        }
    }
}
