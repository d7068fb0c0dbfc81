'use strict';
// Live alarm board: a snapshot of the active alarms, then one event per change, over Server-Sent Events.
// The server sends the board in duty order; the page keeps it by alarm key and sorts the same way.
(function () {
  const LEVELS = {
    SECOND: { label: 'Level 2 alarm', css: 'level-second', rank: 2 },
    FIRST: { label: 'Level 1 warning', css: 'level-first', rank: 1 }
  };
  const FEED_TEXT = {
    REPLAYING: 'Rebuilding the board from the alarm history — the list may still be incomplete.',
    STARTING: 'The alarm feed is not connected yet — the list may be incomplete.',
    DISCONNECTED: 'The alarm feed has lost Kafka — new alarms may be missing from this list.',
    STOPPED: 'The alarm feed is stopped — this list is not updated.',
    FAILED: 'The alarm feed has failed — this list is not updated. Call the on-call engineer.'
  };

  const alarms = new Map();
  let changed = new Set();
  let refreshTimer = null;

  const rows = document.getElementById('alarm-rows');
  const count = document.getElementById('alarm-count');
  const connection = document.getElementById('connection');
  const feedWarning = document.getElementById('feed-warning');
  const lastChange = document.getElementById('last-change');

  function connect() {
    const source = new EventSource('api/alarms/stream');
    setConnection('connecting', 'Connecting…');
    source.onopen = () => setConnection('live', 'Live');
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // The browser gives up on some errors; start again ourselves.
        setConnection('closed', 'Disconnected — retrying');
        source.close();
        setTimeout(connect, 5000);
      } else {
        setConnection('reconnecting', 'Reconnecting…');
      }
    };
    source.addEventListener('snapshot', (e) => {
      replaceAll(JSON.parse(e.data));
      lastChange.textContent = 'Board loaded at ' + formatTime(new Date().toISOString());
    });
    source.addEventListener('alarm', (e) => {
      const event = JSON.parse(e.data);
      applyEvent(event);
      lastChange.textContent = 'Last change ' + formatTime(event.detectedTime || event.eventTime) + ': '
        + event.alarmKey + ' ' + event.transition.toLowerCase();
    });
  }

  function setConnection(state, text) {
    connection.dataset.state = state;
    connection.textContent = text;
  }

  function replaceAll(list) {
    alarms.clear();
    list.forEach((alarm) => alarms.set(alarm.alarmKey, alarm));
    changed = new Set();
    render();
  }

  function applyEvent(event) {
    const key = event.alarmKey;
    if (event.transition === 'CLEARED') {
      alarms.delete(key);
    } else {
      const known = alarms.get(key);
      const sameEpisode = known && known.raisedAt === event.episodeStart;
      alarms.set(key, {
        alarmKey: key,
        level: event.level,
        enterprise: event.enterprise,
        gridCell: sameEpisode ? known.gridCell : gridCellOf(event.enterprise),
        device: event.device,
        sensor: event.sensor,
        sensorType: event.sensorType,
        value: event.value,
        threshold: event.threshold,
        unit: event.unit,
        raisedAt: event.episodeStart,
        lastUpdate: event.eventTime || event.episodeStart
      });
      changed.add(key);
      if (alarms.get(key).gridCell == null) {
        scheduleRefresh();
      }
    }
    render();
  }

  function gridCellOf(enterprise) {
    for (const alarm of alarms.values()) {
      if (alarm.enterprise === enterprise && alarm.gridCell != null) {
        return alarm.gridCell;
      }
    }
    return null;
  }

  // Events do not carry the grid cell; the board does. Reconcile shortly after a new alarm.
  function scheduleRefresh() {
    if (refreshTimer) {
      return;
    }
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      fetch('api/alarms/active', { cache: 'no-store' })
        .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
        .then((list) => {
          list.forEach((alarm) => {
            const shown = alarms.get(alarm.alarmKey);
            if (shown && shown.raisedAt === alarm.raisedAt) {
              shown.gridCell = alarm.gridCell;
            }
          });
          render();
        })
        .catch(() => { /* the stream reconnects with a full snapshot anyway */ });
    }, 500);
  }

  function dutyOrder(a, b) {
    return (rank(b) - rank(a))
      || (Date.parse(b.raisedAt) - Date.parse(a.raisedAt))
      || a.alarmKey.localeCompare(b.alarmKey);
  }

  function rank(alarm) {
    return LEVELS[alarm.level] ? LEVELS[alarm.level].rank : 0;
  }

  function render() {
    const list = Array.from(alarms.values()).sort(dutyOrder);
    const fragment = document.createDocumentFragment();
    if (list.length === 0) {
      const tr = document.createElement('tr');
      tr.className = 'empty';
      tr.appendChild(cell('No active alarms.')).colSpan = 10;
      fragment.appendChild(tr);
    }
    list.forEach((alarm) => fragment.appendChild(row(alarm)));
    rows.replaceChildren(fragment);
    changed = new Set();

    const second = list.filter((a) => a.level === 'SECOND').length;
    count.dataset.count = String(list.length);
    count.dataset.second = String(second > 0);
    count.textContent = list.length + (list.length === 1 ? ' active alarm' : ' active alarms')
      + (second > 0 ? ' (' + second + ' level 2)' : '');
    document.title = (list.length > 0 ? '(' + list.length + ') ' : '') + 'HazardWatch — live alarms';
  }

  function row(alarm) {
    const level = LEVELS[alarm.level] || { label: alarm.level, css: '' };
    const tr = document.createElement('tr');
    tr.className = level.css + (changed.has(alarm.alarmKey) ? ' changed' : '');
    tr.dataset.alarmKey = alarm.alarmKey;
    tr.dataset.level = alarm.level;

    const badge = document.createElement('span');
    badge.className = 'badge ' + level.css;
    badge.textContent = level.label;
    const levelCell = document.createElement('td');
    levelCell.appendChild(badge);
    tr.appendChild(levelCell);

    tr.appendChild(cell(alarm.enterprise));
    tr.appendChild(cell(alarm.gridCell || '—'));
    tr.appendChild(cell(alarm.device));
    tr.appendChild(cell(alarm.sensor));
    tr.appendChild(cell(humanType(alarm.sensorType)));
    tr.appendChild(cell(formatNumber(alarm.value) + ' ' + (alarm.unit || ''), 'num'));
    tr.appendChild(cell(alarm.threshold == null ? '—' : formatNumber(alarm.threshold) + ' ' + (alarm.unit || ''), 'num'));
    tr.appendChild(timeCell(alarm.raisedAt, 'for ' + since(alarm.raisedAt)));
    tr.appendChild(timeCell(alarm.lastUpdate, null));
    return tr;
  }

  function cell(text, css) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (css) {
      td.className = css;
    }
    return td;
  }

  function timeCell(iso, sub) {
    const td = cell(formatTime(iso));
    td.title = iso || '';
    if (sub) {
      const span = document.createElement('span');
      span.className = 'sub';
      span.textContent = sub;
      td.appendChild(span);
    }
    return td;
  }

  function humanType(type) {
    return type ? type.toLowerCase().replace(/_/g, ' ') : '';
  }

  function formatNumber(value) {
    return typeof value === 'number' ? String(Math.round(value * 100) / 100) : '—';
  }

  function formatTime(iso) {
    if (!iso) {
      return '—';
    }
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' '
      + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function since(iso) {
    const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60000));
    if (minutes < 1) {
      return 'less than a minute';
    }
    if (minutes < 120) {
      return minutes + ' min';
    }
    return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
  }

  function checkFeed() {
    fetch('health', { cache: 'no-store' })
      .then((r) => r.json())
      .then((health) => showFeed(health.alarmFeed))
      .catch(() => showFeed('UNREACHABLE'));
  }

  function showFeed(state) {
    if (state === 'LIVE') {
      feedWarning.hidden = true;
      return;
    }
    feedWarning.hidden = false;
    feedWarning.dataset.kind = state === 'REPLAYING' ? 'info' : 'alarm';
    feedWarning.textContent = FEED_TEXT[state]
      || 'The alarm service does not answer — this list may be out of date.';
  }

  connect();
  checkFeed();
  setInterval(checkFeed, 10000);
  setInterval(render, 30000);
})();
