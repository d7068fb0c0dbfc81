// The messages (消息, tab #messages; issue 21, ops): every message that went or would go out — escalation steps,
// reminders, feedback requests, emergency dispatch — per recipient and channel with its delivery state, as the server
// reads them from the incidents' outboxes (GET /api/messages). In the one-machine demo the channels without a real
// provider go to the local outbox, so this is where a newcomer sees what the on-call would get. Nothing is decided here.
import { t } from './i18n.js';
import { json, fmt } from './net.js';
import { $, enterpriseName } from './state.js';
import { showView } from './plan.js';
import { toast } from './header.js';
import { h } from './detail.js';

const STATUSES = ['QUEUED', 'SENT', 'DELIVERED', 'RETRYING', 'FAILED'];
const REFRESH_MS = 15000;

const view = $('messages-view');
const filters = { recipient: '', channel: '', status: '' };
let page = null;
let refreshTimer = null;

function load() {
  const q = new URLSearchParams();
  Object.entries(filters).forEach(([k, v]) => { if (v) { q.set(k, v); } });
  return json('api/messages?' + q.toString()).then((p) => {
    page = p;
    render();
    view.dataset.loaded = 'true';
  }).catch((e) => toast(t('error.action', { m: e.message })));
}

function select(id, label, options, value, key) {
  return h('label', {}, t(label), ' ',
    h('select', { id, onchange: (e) => { filters[key] = e.target.value; load(); } },
      [['', t('msg.any')], ...options].map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function render() {
  const p = page || { total: 0, messages: [], recipients: [], channels: [] };
  view.replaceChildren(
    h('div', { class: 'msg-head' }, h('h2', {}, t('msg.title')),
      h('p', { class: 'muted small' }, t('msg.intro'))),
    h('form', { id: 'msg-filters', class: 'filters', onsubmit: (e) => e.preventDefault() },
      select('msg-recipient', 'msg.recipient', p.recipients.map((r) => [r, r]), filters.recipient, 'recipient'),
      select('msg-channel', 'msg.channel', p.channels.map((c) => [c, c]), filters.channel, 'channel'),
      select('msg-status', 'msg.status', STATUSES.map((s) => [s, t('delivery.' + s)]), filters.status, 'status'),
      h('button', { type: 'button', id: 'msg-refresh', class: 'toggle', onclick: () => load() }, t('msg.refresh'))),
    h('p', { id: 'msg-count', class: 'muted' }, t('msg.count', { n: p.messages.length, total: p.total })),
    p.messages.length === 0 ? h('p', { id: 'msg-none', class: 'muted' }, t('msg.none')) : h('div', { class: 'table-wrap' },
      h('table', { id: 'messages', class: 'messages' },
        h('thead', {}, h('tr', {}, ['msg.col.time', 'msg.col.to', 'msg.col.state', 'msg.col.text', 'msg.col.incident']
          .map((k) => h('th', {}, t(k))))),
        h('tbody', {}, p.messages.map(row)))));
}

function row(m) {
  const label = (k) => ({ 'data-label': t(k) });
  return h('tr', { 'data-status': m.status, 'data-channel': m.channel, 'data-id': m.id },
    h('td', label('msg.col.time'), fmt.time(m.sentAt || m.updatedAt || m.queuedAt),
      m.nextAttemptAt ? h('span', { class: 'sub' }, t('msg.next', { t: fmt.time(m.nextAttemptAt) })) : null),
    h('td', label('msg.col.to'), h('b', {}, m.recipient), h('span', { class: 'sub' }, m.channel + ' · ' + m.address)),
    h('td', label('msg.col.state'),
      h('span', { class: 'delivery-' + m.status.toLowerCase() }, t('delivery.' + m.status) + (m.attempts > 1 ? ' ×' + m.attempts : '')),
      m.local ? h('span', { class: 'local-tag', title: t('msg.localTitle') }, t('msg.local')) : null,
      m.lastError ? h('span', { class: 'sub muted' }, m.lastError) : null),
    h('td', label('msg.col.text'), h('b', { class: 'msg-subject' }, m.subject), h('pre', { class: 'msg-body' }, m.body)),
    h('td', label('msg.col.incident'), h('a', { class: 'link', href: '#incident/' + encodeURIComponent(m.incidentId) },
      enterpriseName(m.enterprise)), h('span', { class: 'sub' }, (m.gridCell || '') + ' · ' + m.purpose)));
}

// ---- routing: the tab and #messages ---------------------------------------------------------------------------

function show() {
  showView('messages');
  if (location.hash !== '#messages') {
    history.replaceState(null, '', '#messages');
  }
  load();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(() => { if (document.body.dataset.view === 'messages') { load(); } }, REFRESH_MS);
}

document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => {
  if (b.dataset.tab === 'messages') {
    show();
  } else if (location.hash === '#messages') {
    history.replaceState(null, '', location.pathname + location.search);
  }
}));
window.addEventListener('hashchange', () => { if (location.hash === '#messages') { show(); } });
setTimeout(() => { if (location.hash === '#messages') { show(); } }, 0);
$('lang').addEventListener('click', () => setTimeout(() => { if (view.dataset.loaded) { render(); } }, 0));
