package io.hazardwatch.notify.im;

import io.hazardwatch.notify.LocalProvider;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.atomic.AtomicLong;

/** The shared fixture of the robot tests: a local platform, a web client and a hand-driven nano clock. */
final class RobotFixture {

    final LocalProvider platform;
    final WebClient client;
    final AtomicLong nanos = new AtomicLong(0);

    RobotFixture(Vertx vertx) {
        platform = LocalProvider.start(vertx);
        client = WebClient.create(vertx);
    }

    void stop() {
        client.close();
        platform.stop();
    }
}
