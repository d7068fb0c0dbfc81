'use strict';
// Inspections page (一个页面管检查): one page per grid member — his own tasks first (due first, overdue marked), then
// the other tasks of his cells; a result form (checklist notes, findings, submit). The server decides the order,
// what is overdue, and who may work or manage a task (mine, overdue, mayWork, mayManage): this page only draws it.
// Made for a phone first: one column, no table, nothing wider than the screen.
import { t, applyStatic } from './i18n.js';
import { json, fmt } from './net.js';
import { state, $, enterpriseName } from './state.js';
import { showView } from './plan.js';

const REFRESH_MS = 60000;
let views = [];
let working = null; // the task whose result is being written
let findings = [];

function post(path, body) {
  return json(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) {
    node.className = cls;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function say(text, bad) {
  const msg = $('task-message');
  msg.textContent = text;
  msg.dataset.kind = bad ? 'error' : 'ok';
  msg.hidden = !text;
}

function load() {
  return Promise.all([json('api/tasks'), state.me || json('api/me')]).then(([list, me]) => {
    state.me = me;
    views = list;
    render();
  }).catch((e) => say(t('tasks.error', { m: e.message }), true));
}

function card(view) {
  const task = view.task;
  const li = el('li', 'task-card');
  li.dataset.id = task.id;
  li.dataset.status = task.status;
  li.dataset.overdue = String(view.overdue);
  const head = el('div', 'task-head');
  head.append(el('strong', 'task-title', task.title), el('span', 'task-kind', t('tasks.kind.' + task.kind)));
  const due = el('div', 'task-due', (view.overdue ? t('tasks.overdue') + ' · ' : '') + t('tasks.due', { d: fmt.time(task.due) }));
  const meta = el('div', 'task-meta', enterpriseName(task.enterprise) + ' · ' + (task.gridCell || '—') + ' · '
    + t('tasks.assignee', { a: task.assignee || t('tasks.nobody') }) + ' · ' + t('tasks.status.' + task.status));
  li.append(head, due, meta);
  if (task.sensor) {
    li.append(el('div', 'task-meta', t('tasks.sensor', { s: task.sensor })));
  }
  if (task.result) {
    const done = el('div', 'task-meta', t('tasks.doneBy', { u: task.result.inspector, d: task.result.date, n: task.result.findings.length }));
    li.append(done);
  }
  const actions = el('div', 'task-actions');
  if (view.mayWork) {
    const work = el('button', 'primary task-work', t('tasks.record'));
    work.type = 'button';
    work.addEventListener('click', () => openForm(view));
    actions.append(work);
  }
  if (view.mayManage) {
    const cancel = el('button', 'task-cancel', t('tasks.cancel'));
    cancel.type = 'button';
    cancel.addEventListener('click', () => {
      const reason = window.prompt(t('tasks.cancelReason'));
      if (reason !== null) {
        post('api/tasks/' + encodeURIComponent(task.id) + '/cancel', { reason }).then(load)
          .catch((e) => say(t('tasks.error', { m: e.message }), true));
      }
    });
    actions.append(cancel);
  }
  if (actions.children.length) {
    li.append(actions);
  }
  return li;
}

function render() {
  const mine = views.filter((v) => v.mine);
  const others = views.filter((v) => !v.mine);
  $('task-mine').replaceChildren(...(mine.length ? mine.map(card) : [el('li', 'muted', t('tasks.none'))]));
  $('task-others').replaceChildren(...(others.length ? others.map(card) : [el('li', 'muted', t('tasks.none'))]));
  const role = state.me ? state.me.role : '';
  $('task-new').hidden = !(role === 'DUTY_OFFICER' || role === 'ADMIN');
  // an enterprise has no tasks of its own to work: one list, its inspections
  $('task-mine').hidden = $('task-mine-title').hidden = role === 'ENTERPRISE';
  $('task-others-title').textContent = t(role === 'ENTERPRISE' ? 'tasks.ofEnterprise'
    : role === 'GRID_STAFF' ? 'tasks.others' : 'tasks.allOthers');
  document.body.dataset.tasksLoaded = 'true';
}

// ---- the result form ------------------------------------------------------------------------------------
function openForm(view) {
  working = view.task;
  findings = [];
  $('task-result-for').textContent = view.task.title + ' · ' + enterpriseName(view.task.enterprise);
  $('task-result-notes').value = '';
  $('task-result-date').value = fmt.date(new Date().toISOString()); // today in the park
  renderFindings();
  $('task-result').hidden = false;
  $('task-result').scrollIntoView({ block: 'start' });
}

function renderFindings() {
  $('task-findings').replaceChildren(...findings.map((f, i) => {
    const li = el('li', 'finding', f.title + ' · ' + t('tasks.severity.' + f.severity) + (f.unit ? ' · ' + f.unit : ''));
    const remove = el('button', 'link task-finding-remove', t('tasks.remove'));
    remove.type = 'button';
    remove.addEventListener('click', () => { findings.splice(i, 1); renderFindings(); });
    li.append(remove);
    return li;
  }));
}

function addFinding() {
  const title = $('task-finding-title').value.trim();
  if (!title) {
    $('task-finding-title').focus();
    return;
  }
  findings.push({ title, severity: $('task-finding-severity').value, unit: $('task-finding-unit').value.trim() || null });
  $('task-finding-title').value = '';
  $('task-finding-unit').value = '';
  renderFindings();
}

function submit() {
  if (!working) {
    return;
  }
  const id = working.id;
  $('task-submit').disabled = true;
  post('api/tasks/' + encodeURIComponent(id) + '/result', {
    date: $('task-result-date').value || null,
    notes: $('task-result-notes').value,
    findings
  }).then(() => {
    say(t('tasks.saved', { id }), false);
    $('task-result').hidden = true;
    working = null;
    return load();
  }).catch((e) => say(t('tasks.error', { m: e.message }), true))
    .finally(() => { $('task-submit').disabled = false; });
}

function create() {
  post('api/tasks', {
    enterprise: $('task-new-enterprise').value.trim(),
    due: $('task-new-due').value,
    assignee: $('task-new-assignee').value.trim() || null,
    title: $('task-new-title').value.trim() || null
  }).then((v) => { say(t('tasks.created', { id: v.task.id }), false); return load(); })
    .catch((e) => say(t('tasks.error', { m: e.message }), true));
}

// ---- wiring ------------------------------------------------------------------------------------------------
function show() {
  showView('tasks');
  load();
}

$('task-finding-add').addEventListener('click', addFinding);
$('task-submit').addEventListener('click', submit);
$('task-result-close').addEventListener('click', () => { $('task-result').hidden = true; working = null; });
$('task-new-create').addEventListener('click', create);
document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => {
  if (b.dataset.tab === 'tasks') {
    history.replaceState(null, '', '#tasks');
    load();
  } else if (location.hash === '#tasks') {
    history.replaceState(null, '', location.pathname + location.search);
  }
}));
window.addEventListener('hashchange', () => { if (location.hash === '#tasks') { show(); } });
// after app.js has switched the language (its listener runs after this one)
$('lang').addEventListener('click', () => setTimeout(() => { applyStatic($('tasks-view')); render(); }, 0));
setInterval(() => { if (document.body.dataset.view === 'tasks') { load(); } }, REFRESH_MS);
if (location.hash === '#tasks') {
  // after app.js's start (it shows the alarm list first)
  setTimeout(show, 0);
}
