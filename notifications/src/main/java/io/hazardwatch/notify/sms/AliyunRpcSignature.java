package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.signing.Hmac;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Alibaba Cloud RPC-style signature, version 1.0 (HMAC-SHA1): sort the parameters, percent-encode them per
 * RFC 3986, StringToSign = METHOD + "&" + enc("/") + "&" + enc(canonicalized query), Signature =
 * Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 */
public final class AliyunRpcSignature {

    private AliyunRpcSignature() {
    }

    /** Every parameter except {@code Signature}, sorted by name, as {@code k=v&k=v} with both sides encoded. */
    public static String canonicalQuery(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !"Signature".equals(e.getKey()))
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String stringToSign(String method, Map<String, String> params) {
        return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(params));
    }

    public static String sign(String method, Map<String, String> params, String accessKeySecret) {
        return Base64.getEncoder().encodeToString(Hmac.sha1(accessKeySecret + "&", stringToSign(method, params)));
    }

    /** RFC 3986 encoding as Alibaba Cloud specifies it: space → %20, * → %2A, ~ stays. */
    public static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
