package io.hazardwatch.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifiedLoginsTest {

    // bcrypt of "s3cret", cost 4 to keep the test fast
    private static final String HASH = "$2a$04$AJeSp2XDSuVHmDoAX.5xHuYCb4rccjlQ1ET1RlVUmgRPsiXxi3KZq";
    private static final Optional<StoredLogin<String>> ALICE = Optional.of(new StoredLogin<>("alice", HASH));

    @Test
    void remembersAVerifiedLoginButNotAWrongPassword() {
        VerifiedLogins<String> logins = VerifiedLogins.untilForgotten(10);

        assertThat(logins.remembered("alice", "s3cret")).isEmpty();
        assertThat(logins.verify("alice", "wrong", ALICE)).isEmpty();
        assertThat(logins.remembered("alice", "wrong")).isEmpty();
        assertThat(logins.verify("alice", "s3cret", ALICE)).contains("alice");
        assertThat(logins.remembered("alice", "s3cret")).contains("alice");
        assertThat(logins.remembered("alice", "s3cret!")).isEmpty();
    }

    @Test
    void refusesAnUnknownUser() {
        VerifiedLogins<String> logins = VerifiedLogins.untilForgotten(10);

        assertThat(logins.verify("bob", "s3cret", Optional.empty())).isEmpty();
        assertThat(logins.remembered("bob", "s3cret")).isEmpty();
    }

    @Test
    void forgetsEveryLoginOnForgetAndWhenFull() {
        VerifiedLogins<String> logins = VerifiedLogins.untilForgotten(2);
        logins.verify("alice", "s3cret", ALICE);
        logins.forget();
        assertThat(logins.remembered("alice", "s3cret")).isEmpty();

        logins.verify("a", "s3cret", Optional.of(new StoredLogin<>("a", HASH)));
        logins.verify("b", "s3cret", Optional.of(new StoredLogin<>("b", HASH)));
        logins.verify("c", "s3cret", Optional.of(new StoredLogin<>("c", HASH)));

        assertThat(logins.remembered("a", "s3cret")).isEmpty();
        assertThat(logins.remembered("b", "s3cret")).isEmpty();
        assertThat(logins.remembered("c", "s3cret")).contains("c");
    }

    @Test
    void forgetsALoginAfterItsTime() throws InterruptedException {
        VerifiedLogins<String> logins = VerifiedLogins.rememberedFor(Duration.ofMillis(50), 10);
        logins.verify("alice", "s3cret", ALICE);
        assertThat(logins.remembered("alice", "s3cret")).contains("alice");

        Thread.sleep(80);

        assertThat(logins.remembered("alice", "s3cret")).isEmpty();
    }

    @Test
    void passwordsHashAndMatch() {
        String hash = Passwords.hash("correct horse");

        assertThat(hash).startsWith("$2");
        assertThat(Passwords.matches("correct horse", hash)).isTrue();
        assertThat(Passwords.matches("wrong", hash)).isFalse();
        assertThat(Passwords.matches(null, hash)).isFalse();
    }
}
