package io.hazardwatch.ingest.mqtt;

/** One CONNECT while it is answered: when it arrived, which kind of login it took, whether the client left. */
final class ConnectAttempt {

    final long arrivedNanos = System.nanoTime();
    /** The login's hash is bcrypt: checked in the slow-login lane. Set by {@link ConnectLogin}. */
    boolean slowLogin;
    /** The connection closed while its CONNECT waited for an answer. Used on its event loop only. */
    boolean closed;
}
