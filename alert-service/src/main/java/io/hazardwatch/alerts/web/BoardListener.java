package io.hazardwatch.alerts.web;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/** The board's listener as configured: one author for the active service's server and a standby's. */
public final class BoardListener {

    private BoardListener() {
    }

    /** Host and port ({@code alert.http.*}), and HTTPS when {@code alert.http.tls.*} names a key pair. */
    public static HttpServerOptions options(AlertServiceConfig config) {
        HttpServerOptions options = new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort());
        if (config.httpTls() != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.httpTls().certFile().toString()).setKeyPath(config.httpTls().keyFile().toString()));
        }
        return options;
    }
}
