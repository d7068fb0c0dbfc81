// The enterprise's answer in the incident detail: where it stands (the server's feedbackState), the report and its
// attachments; for the enterprise's own users the answer form (confirm; cause, measures, person responsible, a
// photo), for the duty room and the cell's grid staff the Verify button. The server decides who may do what and
// what is late: this section only draws the incident it got and sends the commands.

const CAUSES = ['REAL_RELEASE', 'SENSOR_FAULT', 'MAINTENANCE', 'TEST', 'FALSE_ALARM'];

/**
 * @param i   the incident (detail view: feedback, feedbackState)
 * @param ctx h (element builder), t, fmt, json, api, me() (the logged-in user), mayHandle(alarm), done(view|null):
 *            the incident after a command (null: fetch it again)
 */
export function feedbackSection(i, ctx) {
  const { h, t, fmt } = ctx;
  const f = i.feedback || {};
  const s = i.feedbackState || { state: 'NOT_NEEDED' };
  const section = h('div', { class: 'detail-section feedback', id: 'feedback', 'data-state': s.state },
    h('h4', {}, t('fb.title')),
    h('p', {}, h('span', { class: 'fb-badge fb-' + s.state.toLowerCase() }, t('fb.state.' + s.state)),
      s.late ? h('span', { class: 'fb-badge fb-late' }, t('fb.wasLate')) : null,
      s.nextDeadline ? h('span', { class: 'muted' }, ' ' + t('fb.due.' + s.nextPart, { t: fmt.time(s.nextDeadline) })) : null));
  if (s.state === 'NOT_NEEDED' && !f.report) {
    return section;
  }
  const r = f.report;
  section.appendChild(h('dl', { class: 'fb-record' },
    h('dt', {}, t('fb.confirmed')), h('dd', {}, f.confirmed ? stamp(t, fmt, f.confirmed) : '—'),
    h('dt', {}, t('fb.cause')), h('dd', { id: 'fb-shown-cause' }, r ? t('fb.cause.' + r.cause) : '—'),
    r ? h('dt', {}, t('fb.measures')) : null, r ? h('dd', { class: 'fb-text' }, r.measures) : null,
    r ? h('dt', {}, t('fb.responsible')) : null, r ? h('dd', {}, r.responsible) : null,
    r ? h('dt', {}, t('fb.reported')) : null, r ? h('dd', {}, stamp(t, fmt, { by: r.by, at: r.at })) : null,
    h('dt', {}, t('fb.verified')), h('dd', { id: 'fb-shown-verified' }, f.verified ? stamp(t, fmt, f.verified) : '—'),
    (f.late || []).length ? h('dt', {}, t('fb.late')) : null,
    (f.late || []).length ? h('dd', { class: 'fb-late-parts' }, f.late.map((p) => t('fb.part.' + p)).join(', ')) : null));
  section.appendChild(attachments(i, ctx));
  const me = ctx.me();
  const open = i.status !== 'CLOSED' && !f.verified;
  if (open && me && me.role === 'ENTERPRISE' && me.enterprise === i.alarm.enterprise) {
    section.appendChild(answerForm(i, ctx));
  }
  if (open && r && ctx.mayHandle(i.alarm)) {
    section.appendChild(h('button', { id: 'fb-verify', class: 'primary', onclick: (e) => send(e, ctx, i, 'feedback/verify') },
      t('fb.verify')));
  }
  return section;
}

function stamp(t, fmt, s) {
  return t('fb.stamp', { by: s.by, t: fmt.time(s.at) });
}

function attachments(i, ctx) {
  const { h, t, api } = ctx;
  const list = (i.feedback && i.feedback.attachments) || [];
  if (list.length === 0) {
    return h('p', { class: 'muted' }, t('fb.noAttachments'));
  }
  return h('ul', { class: 'fb-attachments' }, list.map((a) => {
    const url = api('api/incidents/' + encodeURIComponent(i.id) + '/attachments/' + encodeURIComponent(a.id));
    return h('li', { 'data-attachment-id': a.id },
      h('a', { href: url, target: '_blank', rel: 'noopener' },
        a.contentType.startsWith('image/') ? h('img', { class: 'fb-thumb', src: url, alt: a.name, loading: 'lazy' }) : null,
        h('span', {}, a.name)));
  }));
}

function answerForm(i, ctx) {
  const { h, t } = ctx;
  const f = i.feedback || {};
  const r = f.report;
  const box = h('div', { class: 'fb-answer' });
  if (!f.confirmed && !r) {
    box.appendChild(h('button', { id: 'fb-confirm', class: 'primary', onclick: (e) => send(e, ctx, i, 'feedback/confirm') },
      t('fb.confirm')));
  }
  const cause = h('select', { id: 'fb-cause', required: true },
    h('option', { value: '' }, t('fb.choose')),
    CAUSES.map((c) => h('option', { value: c, selected: r && r.cause === c }, t('fb.cause.' + c))));
  const measures = h('textarea', { id: 'fb-measures', rows: 3, required: true, placeholder: t('fb.measures') });
  measures.value = r ? r.measures : '';
  const responsible = h('input', { id: 'fb-responsible', required: true, placeholder: t('fb.responsible') });
  responsible.value = r ? r.responsible : '';
  const file = h('input', { id: 'fb-file', type: 'file', accept: 'image/jpeg,image/png,application/pdf' });
  const note = h('p', { class: 'muted fb-note' });
  box.appendChild(h('form', { class: 'fb-form', onsubmit: (e) => {
    e.preventDefault();
    const button = e.target.querySelector('#fb-submit');
    button.disabled = true;
    const upload = file.files && file.files[0] ? ctx.json('api/incidents/' + encodeURIComponent(i.id)
      + '/attachments?name=' + encodeURIComponent(file.files[0].name), {
      method: 'POST', headers: { 'Content-Type': file.files[0].type || 'application/octet-stream' }, body: file.files[0]
    }) : Promise.resolve(null);
    upload.then(() => ctx.json('api/incidents/' + encodeURIComponent(i.id) + '/feedback/report', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ cause: cause.value, measures: measures.value, responsible: responsible.value })
    })).then((view) => ctx.done(view)).catch((err) => {
      note.textContent = t('error.action', { m: err.message });
      button.disabled = false;
    });
  } },
  h('label', {}, t('fb.cause'), cause),
  h('label', {}, t('fb.measures'), measures),
  h('label', {}, t('fb.responsible'), responsible),
  h('label', {}, t('fb.photo'), file),
  h('button', { id: 'fb-submit', type: 'submit', class: 'primary' }, t(r ? 'fb.correct' : 'fb.submit')),
  note));
  return box;
}

function send(event, ctx, i, command) {
  const button = event.target;
  button.disabled = true;
  ctx.json('api/incidents/' + encodeURIComponent(i.id) + '/' + command, { method: 'POST' })
    .then((view) => ctx.done(view))
    .catch((err) => {
      button.disabled = false;
      const note = ctx.h('p', { class: 'error' }, ctx.t('error.action', { m: err.message }));
      button.after(note);
    });
}
