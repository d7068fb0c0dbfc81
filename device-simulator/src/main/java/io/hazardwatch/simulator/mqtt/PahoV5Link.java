package io.hazardwatch.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** {@link MqttLink} over Paho's MQTT 5 asynchronous client; refusing PUBACK reason codes fail the publish. */
final class PahoV5Link implements MqttLink {

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();

    PahoV5Link(LinkOptions o) {
        try {
            client = new MqttAsyncClient(o.broker(), o.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw PahoCalls.unusableBroker(o.broker(), e);
        }
        options.setCleanStart(true);
        options.setConnectionTimeout((int) Math.max(1, o.connectTimeout().toSeconds()));
        options.setAutomaticReconnect(o.automaticReconnect());
        options.setMaxReconnectDelay((int) o.maxReconnectDelay().toMillis());
        options.setReceiveMaximum(Math.min(65_535, o.maxInflight()));
        if (o.username() != null) {
            options.setUserName(o.username());
            options.setPassword(o.password().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public CompletableFuture<Void> connect() {
        return PahoCalls.start(done -> client.connect(options, null, listener(done)));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        return PahoCalls.start(done -> client.publish(topic, payload, qos, false, null, listener(done)));
    }

    @Override
    public CompletableFuture<Void> subscribe(String filter, int qos, BiConsumer<String, byte[]> handler) {
        return PahoCalls.start(done -> client.subscribe(new MqttSubscription(filter, qos), null, listener(done),
                (topic, message) -> handler.accept(topic, message.getPayload()), new MqttProperties()));
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        PahoCalls.close(() -> {
            if (client.isConnected()) {
                client.disconnect(500).waitForCompletion(1000);
            }
        }, () -> client.close(true));
    }

    private static MqttActionListener listener(CompletableFuture<Void> done) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                int[] codes = token.getReasonCodes();
                if (codes != null) {
                    for (int code : codes) {
                        if (code >= 0x80) {
                            String reason = token.getResponseProperties() == null ? null
                                    : token.getResponseProperties().getReasonString();
                            done.completeExceptionally(new MqttFailure("refused by the broker: reason code 0x"
                                    + Integer.toHexString(code) + (reason == null ? "" : " (" + reason + ")"), code, null));
                            return;
                        }
                    }
                }
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                done.completeExceptionally(PahoCalls.failure(e));
            }
        };
    }
}
