package io.hazardwatch.alerts.inspection;

import static io.hazardwatch.alerts.inspection.TaskPlannerTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.model.Json;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task's lifecycle OPEN → DONE / CANCELLED, its audit, and its round trip through the store's JSON. */
class InspectionTaskTest {

    private final InspectionTask task = InspectionTask.open("task-20261206-1", "ent-a", "grid-1", "grid1",
            TaskKind.FROM_DANGER, "danger-20261201-3", null, NOW.plus(Duration.ofDays(3)), "check the tank farm",
            "duty", NOW);

    @Test
    void anOpenTaskIsDoneWithItsResultOnceAndThenRefusesEveryChange() {
        TaskResult result = new TaskResult(LocalDate.of(2026, 12, 7), "grid1", "valves, alarms, logs checked",
                List.of(new Finding("ladder rusted", io.hazardwatch.alerts.danger.Severity.GENERAL, "tank farm", "danger-1")));
        InspectionTask done = task.done(result, "grid1", NOW.plus(Duration.ofDays(1)));
        assertThat(done.status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.result()).isEqualTo(result);
        assertThat(done.closedAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(done.history()).extracting(InspectionTask.Event::who).containsExactly("duty", "grid1");
        assertThat(task.status()).isEqualTo(TaskStatus.OPEN);
        assertThatThrownBy(() -> done.done(result, "grid1", NOW)).isInstanceOf(InspectionTask.TaskStateException.class);
        assertThatThrownBy(() -> done.cancel("x", "duty", NOW)).isInstanceOf(InspectionTask.TaskStateException.class);
        assertThatThrownBy(() -> done.assign("grid2", null, "duty", NOW))
                .isInstanceOf(InspectionTask.TaskStateException.class);
    }

    @Test
    void aTaskIsOverdueOnlyWhileOpenAndPastItsDueDate() {
        assertThat(task.overdueAt(NOW.plus(Duration.ofDays(3)))).isFalse();
        assertThat(task.overdueAt(NOW.plus(Duration.ofDays(4)))).isTrue();
        assertThat(task.cancel("enterprise closed", "duty", NOW).overdueAt(NOW.plus(Duration.ofDays(4)))).isFalse();
    }

    @Test
    void reassigningKeepsTheDueDateUnlessANewOneIsGivenAndIsAudited() {
        InspectionTask moved = task.assign("grid3", null, "duty", NOW);
        assertThat(moved.assignee()).isEqualTo("grid3");
        assertThat(moved.due()).isEqualTo(task.due());
        InspectionTask later = moved.assign("grid3", NOW.plus(Duration.ofDays(9)), "duty", NOW);
        assertThat(later.due()).isEqualTo(NOW.plus(Duration.ofDays(9)));
        assertThat(later.history()).last().extracting(InspectionTask.Event::what).asString().contains("grid3", "due");
        assertThatThrownBy(() -> task.assign(" ", null, "duty", NOW)).hasMessageContaining("assignee");
    }

    @Test
    void theHistoryIsBoundedToTheNewestEntries() {
        InspectionTask t = task;
        for (int i = 0; i < InspectionTask.HISTORY_KEPT + 10; i++) {
            t = t.assign("grid" + i, null, "duty", NOW);
        }
        assertThat(t.history()).hasSize(InspectionTask.HISTORY_KEPT);
        assertThat(t.history().get(InspectionTask.HISTORY_KEPT - 1).what()).contains("grid" + (InspectionTask.HISTORY_KEPT + 9));
    }

    @Test
    void aTaskComesBackFromTheStoresJsonUnchanged() {
        InspectionTask done = task.done(new TaskResult(LocalDate.of(2026, 12, 7), "grid1", "notes",
                List.of(new Finding("leaking flange", io.hazardwatch.alerts.danger.Severity.MAJOR, "unit 2", null))), "grid1", NOW);
        Kept loaded = new Kept(InspectionTask.KIND, done.id(), Json.MAPPER.valueToTree(done));
        assertThat(loaded.as(InspectionTask.class)).isEqualTo(done);
    }

    @Test
    void aFindingNeedsATitleAndASeverity() {
        assertThatThrownBy(() -> new Finding(" ", io.hazardwatch.alerts.danger.Severity.GENERAL, null, null)).hasMessageContaining("title");
        assertThatThrownBy(() -> new Finding("x", null, null, null)).hasMessageContaining("severity");
    }
}
