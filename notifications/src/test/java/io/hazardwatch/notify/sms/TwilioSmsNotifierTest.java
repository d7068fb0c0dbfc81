package io.hazardwatch.notify.sms;

import static io.hazardwatch.notify.Samples.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.notify.Await;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.LocalProvider;
import io.hazardwatch.notify.LocalProvider.Received;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.Samples;
import io.hazardwatch.notify.config.Secret;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TwilioSmsNotifierTest {

    private static final String SID = "ACtest0123456789abcdef0123456789ab";
    private static final String TOKEN = "twilio-test-auth-token-0000";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));

    private LocalProvider twilio;
    private WebClient client;
    private final Notification leak = Samples.ammoniaLeak("sms", "+14155552671");

    @BeforeEach
    void start(Vertx vertx) {
        twilio = LocalProvider.start(vertx);
        client = WebClient.create(vertx);
        twilio.answer(r -> BASIC.equals(r.header("Authorization"))
                ? Reply.json(201, "{\"sid\":\"SM1f0e8ae6ade43cb3c0ce4525424e404f\",\"status\":\"queued\"}")
                : Reply.json(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}"));
    }

    @AfterEach
    void stop() {
        client.close();
        twilio.stop();
    }

    private TwilioSmsNotifier notifier(String token, String from, String service) {
        return new TwilioSmsNotifier(new TwilioConfig(twilio.baseUrl(), SID, null, Secret.of(token), from, service, null),
                client, CLOCK);
    }

    @Test
    void postsTheMessageFormToTheAccountsMessagesResourceWithBasicAuth() {
        Delivery delivery = Await.result(notifier(TOKEN, "+15005550006", null).send(leak));

        assertThat(delivery).isEqualTo(new Delivery("sms", "SM1f0e8ae6ade43cb3c0ce4525424e404f"));
        Received r = twilio.only();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
        assertThat(r.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = r.form();
        assertThat(form).containsEntry("To", "+14155552671").containsEntry("From", "+15005550006")
                .containsEntry("Body", leak.subject() + "\n" + leak.body()).doesNotContainKey("MessagingServiceSid")
                .doesNotContainKey("StatusCallback");
    }

    @Test
    void asksForDeliveryReceiptsAtTheConfiguredStatusCallback() {
        String callback = "https://board.example.org/hw/api/receipts/twilio";
        Await.result(new TwilioSmsNotifier(new TwilioConfig(twilio.baseUrl(), SID, null, Secret.of(TOKEN), "+15005550006",
                null, null, callback), client, CLOCK).send(leak));

        assertThat(twilio.only().form()).containsEntry("StatusCallback", callback);
    }

    @Test
    void usesTheMessagingServiceInsteadOfAFromNumberWhenConfigured() {
        Await.result(notifier(TOKEN, null, "MG9752274e9e519418a7406176694466fa").send(leak));

        assertThat(twilio.only().form()).containsEntry("MessagingServiceSid", "MG9752274e9e519418a7406176694466fa")
                .doesNotContainKey("From");
    }

    @Test
    void aWrongAuthTokenIsNotRetryable() {
        NotifyException e = Await.failure(notifier("wrong-token", "+15005550006", null).send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("401", "20003");
    }

    @Test
    void tooManyRequestsIsRetryableAfterRetryAfter() {
        twilio.answer(Reply.json(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")
                .withHeader("Retry-After", "5"));

        NotifyException e = Await.failure(notifier(TOKEN, "+15005550006", null).send(leak));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anInvalidToNumberIsNotRetryable() {
        twilio.answer(Reply.json(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\"}"));

        NotifyException e = Await.failure(notifier(TOKEN, "+15005550006", null).send(leak));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("21211");
    }

    @Test
    void aTwilioOutageIsRetryable() {
        twilio.answer(Reply.status(500));

        assertThat(Await.failure(notifier(TOKEN, "+15005550006", null).send(leak)).retryable()).isTrue();
    }

    @Test
    void cutsTheBodyToTwiliosSixteenHundredCharacters() {
        Notification longOne = new Notification("i", "k", leak.recipient(), leak.level(), "S", "x".repeat(3000));

        Await.result(notifier(TOKEN, "+15005550006", null).send(longOne));

        assertThat(twilio.only().form().get("Body")).hasSize(1600);
    }
}
