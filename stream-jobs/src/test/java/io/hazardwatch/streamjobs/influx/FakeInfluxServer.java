package io.hazardwatch.streamjobs.influx;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code /write} endpoint of an InfluxDB 1.x on 127.0.0.1, as slow or as broken as a test needs: it can
 * hold its answers until released, and answer with an error instead of 204. Counts points per request.
 */
final class FakeInfluxServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<Integer> received = new CopyOnWriteArrayList<>();
    private final List<Integer> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile int status = 204;
    private volatile String error = "";

    private FakeInfluxServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/write", this::write);
        server.setExecutor(handlers);
        server.start();
    }

    static FakeInfluxServer start() throws IOException {
        return new FakeInfluxServer();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Writes from now on wait for {@link #release()} before they are answered. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** Writes from now on are answered with this status and InfluxDB's JSON error. */
    void answerWithError(int status, String error) {
        this.error = error;
        this.status = status;
    }

    /** Points of each write request as it arrived. */
    List<Integer> received() {
        return List.copyOf(received);
    }

    /** Points of the write requests answered with success, counted before the answer leaves. */
    int pointsStored() {
        return stored.stream().mapToInt(Integer::intValue).sum();
    }

    int mostWritesAtOnce() {
        return maxConcurrent.get();
    }

    /** Waits until {@code count} write requests have arrived. */
    boolean awaitReceived(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private void write(HttpExchange exchange) throws IOException {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        try (exchange; InputStream body = exchange.getRequestBody()) {
            int points = (int) new String(body.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).count();
            received.add(points);
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IOException("held write never released");
            }
            int answer = status;
            if (answer == 204) {
                stored.add(points);
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] json = ("{\"error\":\"" + error.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer, json.length);
                exchange.getResponseBody().write(json);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            concurrent.decrementAndGet();
        }
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
