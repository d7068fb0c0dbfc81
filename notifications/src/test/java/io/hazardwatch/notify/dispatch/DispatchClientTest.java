package io.hazardwatch.notify.dispatch;

import static io.hazardwatch.notify.Samples.CLOCK;
import static io.hazardwatch.notify.dispatch.CapAlertTest.SENDER;
import static io.hazardwatch.notify.dispatch.CapAlertTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.notify.Await;
import io.hazardwatch.notify.LocalProvider;
import io.hazardwatch.notify.LocalProvider.Received;
import io.hazardwatch.notify.LocalProvider.Reply;
import io.hazardwatch.notify.NotifyException;
import io.hazardwatch.notify.Samples;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.signing.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DispatchClientTest {

    private static final String SECRET = "dispatch-shared-secret";

    private LocalProvider dispatch;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) {
        dispatch = LocalProvider.start(vertx);
        client = WebClient.create(vertx);
        dispatch.answer(r -> WebhookSignature.verifyEvent(SECRET, r.header("X-HW-Timestamp"), r.header("Idempotency-Key"),
                r.body(), r.header("X-HW-Signature")) ? Reply.status(202) : Reply.json(401, "{\"error\":\"bad signature\"}"));
    }

    @AfterEach
    void stop() {
        client.close();
        dispatch.stop();
    }

    private DispatchClient client(String format, String secret) {
        return new DispatchClient(new DispatchConfig(dispatch.baseUrl() + "/incidents", Secret.of(secret), format,
                SENDER, null), client, CLOCK);
    }

    @Test
    void triggerUpdateAndResolveShareOneDedupKeyAndAreSigned() {
        DispatchClient dispatcher = client("json", SECRET);

        Await.result(dispatcher.send(event(DispatchAction.TRIGGER, "ev-1")));
        Await.result(dispatcher.send(event(DispatchAction.UPDATE, "ev-2")));
        Await.result(dispatcher.send(event(DispatchAction.RESOLVE, "ev-3")));

        assertThat(dispatch.received()).hasSize(3);
        assertThat(dispatch.received()).extracting(r -> r.header("X-HW-Dedup-Key"))
                .containsOnly(DedupKey.of("hengda/tank-farm/nh3-01"));
        assertThat(dispatch.received()).extracting(r -> new JsonObject(r.body()).getString("event_action"))
                .containsExactly("trigger", "update", "resolve");
        assertThat(dispatch.received()).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("ev-1", "ev-2", "ev-3");
        Received first = dispatch.received().get(0);
        assertThat(first.path()).isEqualTo("/incidents");
        assertThat(first.header("X-HW-Timestamp")).isEqualTo(Long.toString(Samples.NOW.getEpochSecond()));
        JsonObject body = new JsonObject(first.body());
        assertThat(body.getString("dedup_key")).isEqualTo(first.header("X-HW-Dedup-Key"));
        assertThat(body.getString("incident_key")).isEqualTo("hengda/tank-farm/nh3-01");
        assertThat(body.getString("level")).isEqualTo("SECOND");
        assertThat(body.getString("area")).isEqualTo("Hengda Fine Chemicals, tank farm");
    }

    @Test
    void theDedupKeyDependsOnlyOnTheIncident() {
        assertThat(DedupKey.of("a/b/c")).isEqualTo(DedupKey.of("a/b/c")).isNotEqualTo(DedupKey.of("a/b/d"))
                .startsWith("hw-").hasSize(35);
    }

    @Test
    void theCapBodyIsSignedAndParsesAsACap12Alert() throws Exception {
        Await.result(client("cap", SECRET).send(event(DispatchAction.TRIGGER, "ev-1")));

        Received r = dispatch.only();
        assertThat(r.header("Content-Type")).startsWith("application/xml");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(CapAlert.NAMESPACE);
        assertThat(doc.getElementsByTagNameNS(CapAlert.NAMESPACE, "msgType").item(0).getTextContent()).isEqualTo("Alert");
    }

    @Test
    void aWrongSecretIsRefusedAndNotRetryable() {
        NotifyException e = Await.failure(client("json", "other").send(event(DispatchAction.TRIGGER, "ev-1")));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("401");
    }

    @Test
    void aDispatchOutageIsRetryableWithItsRetryAfter() {
        dispatch.answer(Reply.status(503).withHeader("Retry-After", "20"));

        NotifyException e = Await.failure(client("json", SECRET).send(event(DispatchAction.TRIGGER, "ev-1")));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aConflictMeansDispatchAlreadyHasTheEventAndCountsAsAccepted() {
        dispatch.answer(Reply.json(409, "{\"error\":\"duplicate event\"}"));

        assertThat(Await.result(client("json", SECRET).send(event(DispatchAction.TRIGGER, "ev-1"))).channel())
                .isEqualTo("dispatch");
    }
}
