package io.hazardwatch.notify.sms;

import io.hazardwatch.notify.LocalProvider;
import io.hazardwatch.notify.LocalProvider.Received;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.vertx.core.Vertx;
import java.util.Map;

/** A stand-in for an Alibaba Cloud RPC endpoint (SMS, voice) that checks the signature as Aliyun does. */
public final class AliyunFake {

    private AliyunFake() {
    }

    /** Answers {@code ok} to a request signed with {@code keyId}/{@code keySecret}, else SignatureDoesNotMatch. */
    public static LocalProvider start(Vertx vertx, String keyId, String keySecret, String ok) {
        return LocalProvider.start(vertx).answer(r -> signatureIsValid(r, keyId, keySecret) ? Reply.json(200, ok)
                : Reply.json(400, "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched\"}"));
    }

    /** The provider's check: recompute the signature over what arrived (algorithm pinned by AliyunRpcSignatureTest). */
    public static boolean signatureIsValid(Received r, String keyId, String keySecret) {
        Map<String, String> form = r.form();
        return keyId.equals(form.get("AccessKeyId"))
                && AliyunRpcSignature.sign(r.method(), form, keySecret).equals(form.get("Signature"));
    }
}
