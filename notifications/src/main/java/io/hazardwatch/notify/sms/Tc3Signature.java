package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.signing.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Tencent Cloud API 3.0 signature TC3-HMAC-SHA256 for a JSON POST, signing the headers content-type and
 * host as the official SDK does.
 */
public final class Tc3Signature {

    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final String SIGNED_HEADERS = "content-type;host";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Tc3Signature() {
    }

    public static String canonicalRequest(String host, String payload) {
        return "POST\n/\n\n"
                + "content-type:" + CONTENT_TYPE + "\n" + "host:" + host + "\n\n"
                + SIGNED_HEADERS + "\n"
                + Hmac.sha256HexDigest(payload);
    }

    public static String stringToSign(String service, long timestamp, String canonicalRequest) {
        return ALGORITHM + "\n" + timestamp + "\n" + scope(service, timestamp) + "\n"
                + Hmac.sha256HexDigest(canonicalRequest);
    }

    public static String signature(String secretKey, String service, long timestamp, String stringToSign) {
        String date = DATE.format(Instant.ofEpochSecond(timestamp));
        byte[] secretDate = Hmac.sha256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = Hmac.sha256(secretDate, service);
        byte[] secretSigning = Hmac.sha256(secretService, "tc3_request");
        return Hmac.hex(Hmac.sha256(secretSigning, stringToSign));
    }

    /** The Authorization header value for one request. */
    public static String authorization(String secretId, String secretKey, String service, String host, long timestamp,
                                       String payload) {
        String toSign = stringToSign(service, timestamp, canonicalRequest(host, payload));
        return ALGORITHM + " Credential=" + secretId + "/" + scope(service, timestamp)
                + ", SignedHeaders=" + SIGNED_HEADERS
                + ", Signature=" + signature(secretKey, service, timestamp, toSign);
    }

    private static String scope(String service, long timestamp) {
        return DATE.format(Instant.ofEpochSecond(timestamp)) + "/" + service + "/tc3_request";
    }
}
