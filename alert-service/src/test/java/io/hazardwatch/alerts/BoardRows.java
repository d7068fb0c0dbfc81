package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.BoardRow;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentStatus;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;

/** Assertions on the board rows of the live stream. */
final class BoardRows {

    private BoardRows() {
    }

    /** {@code data} is the board's row of the episode {@code cleared} cleared, nobody having acknowledged it. */
    static BoardRow assertClearedUnacknowledged(String data, AlarmEvent cleared) throws Exception {
        BoardRow row = Json.MAPPER.readValue(data, BoardRow.class);
        assertThat(row.id()).isEqualTo(Incident.idOf(cleared.alarmKey(), cleared.episodeStart()));
        assertThat(row.status()).isEqualTo(IncidentStatus.CLEARED_UNACKNOWLEDGED);
        assertThat(row.active()).isFalse();
        assertThat(row.awaitsAcknowledgement()).isTrue();
        assertThat(row.alarm().alarmKey()).isEqualTo(cleared.alarmKey());
        return row;
    }
}
