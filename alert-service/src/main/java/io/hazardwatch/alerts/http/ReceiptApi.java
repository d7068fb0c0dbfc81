package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.receipt.DeliveryReceipts;
import io.hazardwatch.alerts.web.Responses;
import io.hazardwatch.notify.receipt.ProviderReceipts;
import io.hazardwatch.notify.receipt.Receipt;
import io.hazardwatch.notify.receipt.ReceiptConfig;
import io.hazardwatch.notify.receipt.ReceiptSignatures;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/receipts/{provider}}: the providers' delivery receipts, without a login but signed — {@code aliyun}
 * and {@code tencent} (which do not sign) with {@code ?token=<notify.receipts.secret>} in the URL set in their console,
 * {@code twilio} with X-Twilio-Signature, {@code http} (our generic gateways) with the X-HW-Signature HMAC. A bad
 * signature is 401; an unknown message id 200 (providers retry anything else) and one log line; a store that does
 * not commit 503, so that the provider sends it again.
 */
public final class ReceiptApi {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptApi.class);

    private final DeliveryReceipts receipts;
    private final ReceiptConfig config;
    /** The board as the providers reach it (ending in /), for Twilio's signed URL; null: the request's own URL. */
    private final String publicUrl;
    private final BooleanSupplier ready;
    private final Clock clock;

    public ReceiptApi(DeliveryReceipts receipts, ReceiptConfig config, String publicUrl, BooleanSupplier ready,
                      Clock clock) {
        this.receipts = receipts;
        this.config = config;
        this.publicUrl = publicUrl;
        this.ready = ready;
        this.clock = clock;
    }

    /** Mount ahead of the login check: providers have no account. */
    public void routes(Router router) {
        router.post("/api/receipts/:provider").handler(this::receive);
    }

    private void receive(RoutingContext ctx) {
        String provider = ctx.pathParam("provider");
        if (!List.of("aliyun", "tencent", "twilio", "http").contains(provider)) {
            Responses.error(ctx.response(), 404, "not_found", "provider: no receipts from '" + provider
                    + "' (aliyun, tencent, twilio, http)");
            return;
        }
        if (!ready.getAsBoolean()) {
            Responses.error(ctx.response(), 503, "starting", "incidents are still being loaded; try again shortly");
            return;
        }
        if (!signed(ctx, provider)) {
            LOG.warn("{} receipt refused: bad signature (from {})", provider, ctx.request().remoteAddress());
            Responses.error(ctx.response(), 401, "bad_signature", "the receipt's signature does not verify");
            return;
        }
        List<Receipt> read;
        try {
            read = read(ctx, provider);
        } catch (IllegalArgumentException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        receipts.applyAll(provider, read).onComplete(done -> {
            if (done.failed()) {
                Responses.error(ctx.response(), 503, "not_stored", "the receipt could not be stored: "
                        + done.cause().getMessage());
            } else {
                acknowledge(ctx, provider, done.result());
            }
        });
    }

    private boolean signed(RoutingContext ctx, String provider) {
        return switch (provider) {
            case "aliyun", "tencent" -> ReceiptSignatures.token(config.secret(), ctx.queryParams().get("token"));
            case "twilio" -> ReceiptSignatures.twilioValid(config.twilioAuthToken(), signedUrl(ctx), form(ctx),
                    ctx.request().getHeader("X-Twilio-Signature"));
            default -> ReceiptSignatures.generic(config.secret(), ctx.request().getHeader("X-HW-Timestamp"), body(ctx),
                    ctx.request().getHeader("X-HW-Signature"), clock.instant());
        };
    }

    private List<Receipt> read(RoutingContext ctx, String provider) {
        return switch (provider) {
            case "aliyun" -> ProviderReceipts.aliyun(body(ctx));
            case "tencent" -> ProviderReceipts.tencent(body(ctx));
            case "twilio" -> ProviderReceipts.twilio(form(ctx)).map(List::of).orElse(List.of());
            default -> List.of(ProviderReceipts.generic(body(ctx)));
        };
    }

    /** Each provider's documented "received" answer. */
    private static void acknowledge(RoutingContext ctx, String provider, int matched) {
        switch (provider) {
            case "aliyun" -> Responses.json(ctx.response(), 200, new JsonObject().put("code", 0).put("msg", "成功").encode());
            case "tencent" -> Responses.json(ctx.response(), 200, new JsonObject().put("result", 0).put("errmsg", "OK").encode());
            case "twilio" -> ctx.response().setStatusCode(204).end();
            default -> Responses.json(ctx.response(), 200, new JsonObject().put("matched", matched).encode());
        }
    }

    /** The URL Twilio called and signed: the public address when one is configured (a proxy changes the host). */
    private String signedUrl(RoutingContext ctx) {
        return publicUrl == null ? ctx.request().absoluteURI() : publicUrl + ctx.request().uri().substring(1);
    }

    private static Map<String, String> form(RoutingContext ctx) {
        Map<String, String> form = new TreeMap<>();
        ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
        return form;
    }

    private static String body(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
    }
}
