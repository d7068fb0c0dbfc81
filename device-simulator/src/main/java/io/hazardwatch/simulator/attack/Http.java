package io.hazardwatch.simulator.attack;

/** One raw HTTP exchange on a fresh connection: the answer's kind ("HTTP 401", "closed", "no answer"). */
final class Http {

    private Http() {
    }

    static String exchange(String host, int port, byte[] request, int timeoutMillis) {
        try (RawSocket socket = RawSocket.open(host, port, timeoutMillis)) {
            if (socket == null) {
                return RawSocket.REFUSED;
            }
            return socket.write(request) ? socket.readHttp() : RawSocket.CLOSED;
        }
    }

    /** The status, headers and body of an answer, for the few requests whose body the attacker reads. */
    static String exchangeText(String host, int port, byte[] request, int timeoutMillis) {
        try (RawSocket socket = RawSocket.open(host, port, timeoutMillis)) {
            if (socket == null || !socket.write(request)) {
                return "";
            }
            return socket.readAll();
        }
    }
}
