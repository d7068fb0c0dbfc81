// The gateway's refused messages per enterprise (last 24 h), as the server tallies them (GET /api/dead-letters):
// a refused safety reading never reached detection, so the duty room must see it. The page only renders.
export function createRefused({ node, t, json, enterpriseName }) {
  let last = [];
  let timer = null;

  function render() {
    node.hidden = last.length === 0;
    node.textContent = '';
    if (last.length === 0) {
      return;
    }
    const head = document.createElement('strong');
    head.textContent = t('refused.title');
    node.appendChild(head);
    last.forEach((s) => {
      const item = document.createElement('span');
      item.className = 'refused-item';
      item.dataset.enterprise = s.enterprise;
      const reasons = Object.entries(s.byReason).map(([r, n]) => t('refused.reason.' + r) + ' ' + n).join(', ');
      item.textContent = t('refused.item', { e: enterpriseName(s.enterprise), n: s.total, reasons });
      item.title = t('refused.last', { reason: s.lastReason, detail: s.lastDetail || '', topic: s.lastTopic || '' });
      node.appendChild(item);
    });
  }

  function refresh() {
    clearTimeout(timer);
    json('api/dead-letters')
      .then((summary) => { last = Array.isArray(summary) ? summary : []; render(); })
      .catch(() => { /* the feed warning already says when the service is away */ })
      .then(() => { timer = setTimeout(refresh, 15000); });
  }

  return { refresh, rerender: render };
}
