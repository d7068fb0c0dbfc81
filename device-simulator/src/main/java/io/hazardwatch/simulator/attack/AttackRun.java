package io.hazardwatch.simulator.attack;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * The attack suite against a running stack, as a black box (its network ports, and /proc for the figures): bounded
 * phases one after the other while legitimate clients publish beside them, each phase followed by a check that both
 * services still answer.
 */
public final class AttackRun {

    private final AttackTarget target;
    private final AttackLimits limits;
    private final PrintWriter out;

    public AttackRun(AttackTarget target, AttackLimits limits, PrintWriter out) {
        this.target = target;
        this.limits = limits;
        this.out = out;
        RawSocket.comeFrom(target.from());
    }

    public AttackReport run() throws InterruptedException {
        try (Forgeries forgeries = new Forgeries(target.kafka(), target.readingsTopic(), target.own().enterprise(),
                System.nanoTime());
             LegitClients legit = new LegitClients(target)) {
            int connected = legit.start(limits.legitClients());
            say("%d/%d legitimate clients publishing; %s of quiet", connected, limits.legitClients(), limits.quietTime());
            Thread.sleep(limits.quietTime().toMillis());
            legit.attackBegins();
            List<PhaseResult> phases = phases(forgeries);
            long forged = forgeries.crossTenantWrites(Duration.ofSeconds(15));
            return new AttackReport(phases, forged, connected, legit.failed(), legit.quiet(), legit.attacked());
        }
    }

    private List<PhaseResult> phases(Forgeries forgeries) throws InterruptedException {
        MqttFuzz mqtt = new MqttFuzz(target, limits, forgeries);
        HostileClients hostile = new HostileClients(target, limits);
        CrossTenant cross = new CrossTenant(target, limits, forgeries);
        HttpRequests http = new HttpRequests(target);
        int n = limits.inputs();
        List<PhaseResult> phases = new ArrayList<>();
        phases.add(phase("mqtt: CONNECT + random bytes", n, mqtt::garbage));
        phases.add(phase("mqtt: lying remaining lengths", n, mqtt::lengths));
        phases.add(phase("mqtt: every packet type, before/after CONNECT", n, mqtt::everyType));
        phases.add(phase("mqtt: oversize PUBLISH", Math.min(n, 200), mqtt::oversize));
        phases.add(phase("mqtt: foreign and wildcard topics", n, mqtt::topics));
        phases.add(phase("mqtt: wills naming another tenant", n, mqtt::wills));
        phases.add(phase("http: fuzzed requests (both services)", 2 * n, (tally, i) -> {
            boolean gateway = i % 2 == 0;
            byte[] request = http.next(new Random(limits.seed() * 31 + 7_000_003L + i), gateway, forgeries);
            tally.sent((gateway ? "gateway " : "alerts ") + Http.exchange(target.host(),
                    gateway ? target.gatewayHttp() : target.alertsHttp(), request, limits.answerMillis()));
        }));
        phases.add(measured("idle sockets and slow-loris", tally ->
                hostile.idleAndSlow(tally, System.nanoTime() + limits.idleWait().toNanos() + limits.phaseTime().toNanos())));
        phases.add(phase("cross-tenant: client ids, ingest paths, batches", n, cross::gateway));
        phases.add(phase("cross-site: forged board requests", Math.min(n, 400), cross::crossSite));
        // last: a gateway or board that throttles guessed logins may slow down every later login from this address
        RawSocket.comeFrom(target.guessFrom() == null ? target.from() : target.guessFrom());
        phases.add(phase("guessing: MQTT passwords", limits.guesses(), hostile::guessMqtt));
        phases.add(phase("guessing: HTTP passwords", limits.guesses(), hostile::guessHttp));
        return phases;
    }

    private PhaseResult phase(String name, int count, BiConsumer<Tally, Integer> input) throws InterruptedException {
        long deadline = System.nanoTime() + limits.phaseTime().toNanos();
        return measured(name, tally -> Workers.run(count, deadline, limits.concurrency(), i -> input.accept(tally, i)));
    }

    /** A phase: figures before, the inputs, figures after, and whether both services still answer. */
    private PhaseResult measured(String name, PhaseBody body) throws InterruptedException {
        ProcessFigures gatewayBefore = ProcessFigures.of(target.gatewayPid());
        ProcessFigures alertsBefore = ProcessFigures.of(target.alertsPid());
        Tally tally = new Tally();
        long start = System.nanoTime();
        body.run(tally);
        double seconds = (System.nanoTime() - start) / 1e9;
        String crashed = stillAnswering();
        PhaseResult result = new PhaseResult(name, tally.inputs(), seconds, tally.answers(), tally.serverErrors(),
                tally.crossTenant(), crashed, gatewayBefore, ProcessFigures.of(target.gatewayPid()), alertsBefore,
                ProcessFigures.of(target.alertsPid()));
        say("%-48s %,8d inputs in %5.1f s, 5xx %d, cross-tenant %d%s", name, result.inputs(), seconds,
                result.serverErrors(), result.crossTenant(), crashed.isEmpty() ? "" : ", NOT ANSWERING: " + crashed);
        return result;
    }

    /** "" when the gateway (MQTT and /health) and the alert service (/health) answer within 10 s, else who does not. */
    private String stillAnswering() throws InterruptedException {
        List<String> silent = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (String service : List.of("gateway MQTT", "gateway HTTP", "alerts HTTP")) {
            while (!answers(service)) {
                if (System.nanoTime() > deadline) {
                    silent.add(service);
                    break;
                }
                Thread.sleep(200);
            }
        }
        return String.join(", ", silent);
    }

    private boolean answers(String service) {
        if (service.equals("gateway MQTT")) {
            try (RawSocket socket = RawSocket.open(target.host(), target.mqttPort(), 2000)) {
                return socket != null;
            }
        }
        int port = service.equals("gateway HTTP") ? target.gatewayHttp() : target.alertsHttp();
        String health = "GET /health HTTP/1.1\r\nHost: " + target.host() + "\r\nConnection: close\r\n\r\n";
        return Http.exchange(target.host(), port, health.getBytes(StandardCharsets.US_ASCII), 5000).startsWith("HTTP ");
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    @FunctionalInterface
    private interface PhaseBody {
        void run(Tally tally) throws InterruptedException;
    }
}
