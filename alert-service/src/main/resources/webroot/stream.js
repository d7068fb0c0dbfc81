// The live-board stream (Server-Sent Events): snapshot, alarm, incident, risk, monitoring. Reconnects resume after
// the last event seen (the server replays what was missed, or sends a fresh snapshot).
import { api, json } from './net.js';

/**
 * @param on handlers: snapshot(rows), alarm(row), incident(row), risk(state), monitoring(view) for the events;
 *           connection(state) for connecting/live/reconnecting/closed; resumed(replayed) once reconnected
 *           (replayed() then tells how many events were replayed, or null after a fresh snapshot); lost() when
 *           the connection first drops
 */
export function connectStream(on) {
  let source = null;
  let lastEventId = null;
  let retryDelay = 1000;
  let reconnecting = false;
  let replayed = null; // events counted since a resume, until the page says how many there were

  function connect() {
    const url = new URL(api('api/alarms/stream'));
    if (lastEventId) {
      url.searchParams.set('lastEventId', lastEventId);
    }
    on.connection(reconnecting ? 'reconnecting' : 'connecting');
    source = new EventSource(url.toString());
    source.onopen = () => {
      retryDelay = 1000;
      on.connection('live');
      if (reconnecting) {
        replayed = 0;
        on.resumed(() => {
          const n = replayed;
          replayed = null;
          return n;
        });
      }
      reconnecting = false;
    };
    source.onerror = () => {
      if (!reconnecting) {
        on.lost();
      }
      reconnecting = true;
      if (source.readyState === EventSource.CLOSED) {
        // refused (e.g. 503 while the service starts): the browser gave up; try again ourselves. A 401 (the login
        // ended: idle, logged out, or a restart with another session secret) sends the page to the login page
        on.connection('closed');
        source.close();
        json('api/me').catch(() => {});
        setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 15000);
      } else {
        on.connection('reconnecting');
      }
    };
    ['snapshot', 'alarm', 'incident', 'risk', 'monitoring'].forEach((name) => {
      source.addEventListener(name, (e) => {
        if (e.lastEventId) {
          lastEventId = e.lastEventId;
        }
        if (name === 'snapshot') {
          replayed = null;
        } else if (replayed !== null && name !== 'monitoring') {
          replayed += 1;
        }
        on[name](JSON.parse(e.data));
      });
    });
  }

  connect();
}
