package io.hazardwatch.simulator.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** {@link MqttLink} over Paho's MQTT 3.1.1 asynchronous client. */
final class PahoV3Link implements MqttLink {

    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();

    PahoV3Link(LinkOptions o) {
        try {
            client = new MqttAsyncClient(o.broker(), o.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw PahoCalls.unusableBroker(o.broker(), e);
        }
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setMaxInflight(o.maxInflight());
        options.setConnectionTimeout((int) Math.max(1, o.connectTimeout().toSeconds()));
        options.setAutomaticReconnect(o.automaticReconnect());
        options.setMaxReconnectDelay((int) o.maxReconnectDelay().toMillis());
        if (o.username() != null) {
            options.setUserName(o.username());
            options.setPassword(o.password().toCharArray());
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
        return PahoCalls.start(done -> client.subscribe(filter, qos, null, listener(done),
                (topic, message) -> handler.accept(topic, message.getPayload())));
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

    private static IMqttActionListener listener(CompletableFuture<Void> done) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                done.completeExceptionally(PahoCalls.failure(e));
            }
        };
    }
}
