package io.hazardwatch.simulator.attack;

import io.hazardwatch.model.Topics;

/**
 * The running stack as an attacker sees it: addresses, one legitimate login per side and what belongs to whom.
 *
 * @param host          where the gateway and the alert service listen
 * @param mqttPort      the gateway's plain MQTT port
 * @param gatewayHttp   the gateway's HTTP port (ingest)
 * @param alertsHttp    the alert service's HTTP port (the board and its API)
 * @param gateway       a login of the gateway that may publish for {@code own}
 * @param own           a sensor the gateway login may write
 * @param victim        a sensor of another enterprise, which the gateway login must never write
 * @param victimLogin   a login of the victim's enterprise (null: the client-id takeover is not tried)
 * @param board         a login of the alert service (its Basic credentials are what a browser would re-send)
 * @param kafka         Kafka bootstrap, to read the readings topic for forged writes (null: not checked)
 * @param readingsTopic the gateway's readings topic
 * @param gatewayPid    the gateway's process id, for descriptors and RSS from /proc (0: not read)
 * @param alertsPid     the alert service's process id (0: not read)
 * @param from          the address the attacker's sockets come from (null: whatever the system picks). A real
 *                      attacker is not on the legitimate devices' address; on one machine any 127.x.y.z will do
 * @param guessFrom     the address the password guessers come from (null: {@code from}). The attacker above logs in
 *                      with its own enterprise's login; a guesser is someone who does not know a password, from an
 *                      address where that login never logged in (the gateway never throttles a known source)
 */
public record AttackTarget(String host, int mqttPort, int gatewayHttp, int alertsHttp, Login gateway, Sensor own,
                           Sensor victim, Login victimLogin, Login board, String kafka, String readingsTopic,
                           long gatewayPid, long alertsPid, String from,
                           String guessFrom) {

    /** A username and its password. */
    public record Login(String username, String password) {
        /** {@code user:password}, split at the first colon. */
        public static Login parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected USER:PASSWORD");
            }
            return new Login(text.substring(0, colon), text.substring(colon + 1));
        }
    }

    /** One sensor's address. */
    public record Sensor(String enterprise, String device, String sensor) {
        /** {@code enterprise/device/sensor}. */
        public static Sensor parse(String text) {
            String[] parts = text.split("/");
            if (parts.length != 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("expected ENTERPRISE/DEVICE/SENSOR");
            }
            return new Sensor(parts[0], parts[1], parts[2]);
        }

        String mqttTopic() {
            return Topics.mqttReadings(enterprise, device);
        }

        String httpPath() {
            return "/" + Topics.mqttReadings(enterprise, device);
        }
    }
}
