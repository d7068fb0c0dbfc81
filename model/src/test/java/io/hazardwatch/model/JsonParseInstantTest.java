package io.hazardwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Json#parseInstant} against {@link Instant#parse}: the same instant, or the same exception. */
class JsonParseInstantTest {

    @Test
    void givesWhatInstantParseGivesForValidAndNearMissTexts() {
        Random random = new Random(20261202);
        for (int i = 0; i < 50_000; i++) {
            String valid = RandomInstants.fastFormText(random);
            String text = i % 2 == 0 ? valid : RandomInstants.mutate(valid, random);
            Throwable expectedError = catchThrowable(() -> Instant.parse(text));
            if (expectedError == null) {
                assertThat(Json.parseInstant(text)).as(text).isEqualTo(Instant.parse(text));
            } else {
                assertThat(catchThrowable(() -> Json.parseInstant(text))).as(text)
                        .isInstanceOf(expectedError.getClass()).hasMessage(expectedError.getMessage());
            }
        }
    }

    @Test
    void leavesOffsetsAndOtherFormsToTheJdk() {
        assertThat(Json.parseInstant("2026-11-24T16:00:00+08:00")).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(catchThrowable(() -> Json.parseInstant("2026-02-30T00:00:00Z")))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
