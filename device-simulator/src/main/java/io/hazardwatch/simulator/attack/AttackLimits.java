package io.hazardwatch.simulator.attack;

import java.time.Duration;

/**
 * How much one run sends: every phase ends at its count or its time, whichever comes first.
 *
 * @param inputs        hostile inputs per fuzzing phase
 * @param phaseTime     longest a phase runs
 * @param concurrency   attacker threads per phase
 * @param guesses       wrong passwords per guessing phase
 * @param idleSockets   connections that never log in (and as many slow-loris HTTP requests)
 * @param idleWait      how long they are held before counting how many the services closed
 * @param legitClients  legitimate MQTT clients, one reading in flight each, during quiet and attacked phases
 * @param quietTime     how long the legitimate clients publish before the attack (their quiet PUBACK p99)
 * @param answerTimeout how long the attacker waits for one answer
 * @param seed          seeds every random input: a run can be repeated
 */
public record AttackLimits(int inputs, Duration phaseTime, int concurrency, int guesses, int idleSockets,
                           Duration idleWait, int legitClients, Duration quietTime, Duration answerTimeout, long seed) {

    int answerMillis() {
        return (int) answerTimeout.toMillis();
    }
}
