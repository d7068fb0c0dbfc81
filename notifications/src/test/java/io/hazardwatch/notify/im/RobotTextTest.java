package io.hazardwatch.notify.im;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RobotTextTest {

    @Test
    void cutsChineseTextOnACharacterBoundaryWithinTheByteLimit() {
        String text = "氨气泄漏".repeat(2000) + "😀";

        String cut = RobotText.cut(text, 4096);

        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(cut).endsWith("…").startsWith("氨气泄漏");
        assertThat(cut.substring(0, cut.length() - 1)).doesNotContain("\uFFFD");
    }

    @Test
    void leavesShortTextAlone() {
        assertThat(RobotText.cut("NH3 43 ppm", 20)).isEqualTo("NH3 43 ppm");
    }
}
