// Applies what the live-board stream says: every event carries the server's board row of an incident (id,
// status, version, active, awaitsAcknowledgement, commentCount, alarm), and the page keeps the newest version.

/**
 * @param state the rows; table redraws them; detail is told of changes; onSecondLevel: a new level-2 alarm
 */
export function createRows({ state, table, detail, onSecondLevel }) {
  let initialLoad = true;

  /**
   * One row of an {@code alarm} (fresh: drawn as just changed) or {@code incident} event; an older version than
   * the one shown is ignored, a CLOSED one leaves the list.
   */
  function apply(next, fresh) {
    const row = state.rows.get(next.id);
    if (row && row.version > next.version) {
      return;
    }
    if (next.status === 'CLOSED') {
      if (row) {
        state.rows.delete(next.id);
        table.row(next.id, true);
      }
      detail.changed(next.id);
      return;
    }
    put(row, next, fresh);
    detail.changed(next.id);
  }

  function put(row, next, fresh) {
    next.sounded = row ? row.sounded : false;
    next.fresh = (fresh && next.active) || (row ? row.fresh : false);
    state.rows.set(next.id, next);
    table.row(next.id, !row || row.status !== next.status || row.alarm.level !== next.alarm.level);
    checkSound(next);
  }

  /** A fresh snapshot: the open incidents' rows now; whatever this page shows beside them was closed meanwhile. */
  function snapshot(rows) {
    const ids = new Set(rows.map((r) => r.id));
    state.rows.forEach((row, id) => {
      if (!ids.has(id)) {
        state.rows.delete(id);
        table.row(id, true);
      }
    });
    rows.forEach((next) => put(state.rows.get(next.id), next, false));
  }

  /**
   * Sounds once per incident, when it first shows as an active level-2 alarm nobody acknowledged; incidents
   * already there when the board loads only get the reminder.
   */
  function checkSound(row) {
    if (row.sounded || row.alarm.level !== 'SECOND' || !row.active || !row.awaitsAcknowledgement) {
      return;
    }
    row.sounded = true;
    if (!initialLoad) {
      onSecondLevel();
    }
  }

  return {
    apply,
    snapshot,
    /** The first snapshot is in: from now on a new level-2 alarm sounds. */
    loaded() {
      initialLoad = false;
    },
    /** Whether a level-2 alarm is still unacknowledged (for the reminder). */
    awaitingSecondLevel() {
      return [...state.rows.values()].some((row) => row.alarm.level === 'SECOND' && row.awaitsAcknowledgement);
    }
  };
}
