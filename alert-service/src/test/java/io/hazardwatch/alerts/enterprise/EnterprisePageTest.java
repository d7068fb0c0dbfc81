package io.hazardwatch.alerts.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.Await;
import io.hazardwatch.alerts.auth.Role;
import io.hazardwatch.alerts.auth.User;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The page asks every section and isolates the ones that fail, throw or never answer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EnterprisePageTest {

    private static final User DUTY = new User("duty", Role.DUTY_OFFICER, null, null);

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        Await.result(vertx.close());
    }

    @Test
    void everySectionAnswersUnderItsNameInTheGivenOrder() {
        EnterprisePage page = new EnterprisePage(vertx, List.of(
                section("profile", (e, u) -> Future.succeededFuture(Map.of("id", e))),
                section("grade", (e, u) -> Future.succeededFuture(u.username() + " sees " + e))),
                Duration.ofSeconds(2));

        Map<String, Object> sections = Await.result(page.of("ent-a", DUTY));

        assertThat(sections.keySet()).containsExactly("profile", "grade");
        assertThat(sections.get("profile")).isEqualTo(Map.of("id", "ent-a"));
        assertThat(sections.get("grade")).isEqualTo("duty sees ent-a");
    }

    @Test
    void aSectionThatFailsThrowsOrNeverAnswersIsUnavailableAndTheOthersStillRender() {
        EnterprisePage page = new EnterprisePage(vertx, List.of(
                section("profile", (e, u) -> Future.succeededFuture("ok")),
                section("failing", (e, u) -> Future.failedFuture("InfluxDB did not answer")),
                section("throwing", (e, u) -> {
                    throw new IllegalStateException("book not loaded");
                }),
                section("silent", (e, u) -> Promise.promise().future()),
                section("nothing", (e, u) -> null),
                section("late", (e, u) -> Future.succeededFuture("late too"))),
                Duration.ofMillis(300));

        long started = System.nanoTime();
        Map<String, Object> sections = Await.result(page.of("ent-a", DUTY));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(sections.keySet()).containsExactly("profile", "failing", "throwing", "silent", "nothing", "late");
        assertThat(sections.get("profile")).isEqualTo("ok");
        assertThat(sections.get("failing")).isEqualTo(new EnterprisePage.Unavailable("InfluxDB did not answer"));
        assertThat(sections.get("throwing")).isEqualTo(new EnterprisePage.Unavailable("book not loaded"));
        assertThat(sections.get("silent")).isEqualTo(new EnterprisePage.Unavailable("no answer within 300 ms"));
        assertThat(sections.get("nothing")).isEqualTo(new EnterprisePage.Unavailable("no answer"));
        assertThat(sections.get("late")).isEqualTo("late too");
    }

    @Test
    void aSectionAnsweringAfterTheWaitDoesNotChangeThePage() {
        EnterprisePage page = new EnterprisePage(vertx, List.of(section("slow", (e, u) -> {
            Promise<Object> answer = Promise.promise();
            vertx.setTimer(600, id -> answer.complete("too late"));
            return answer.future();
        })), Duration.ofMillis(100));

        Map<String, Object> sections = Await.result(page.of("ent-a", DUTY));

        assertThat(sections.get("slow")).isEqualTo(new EnterprisePage.Unavailable("no answer within 100 ms"));
    }

    @Test
    void theWaitMustBePositive() {
        assertThatThrownBy(() -> new EnterprisePage(vertx, List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static EnterpriseSection section(String name, BiFunction<String, User, Future<Object>> content) {
        return new EnterpriseSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Future<Object> of(String enterprise, User viewer) {
                return content.apply(enterprise, viewer);
            }
        };
    }
}
