// Links to an enterprise's page (#enterprise/<id>, drawn by enterprise.js) from the alarm rows, the map and lists.
import { h } from './detail.js';

export const ENTERPRISE_ROUTE = '#enterprise/';

export function enterpriseHref(id) {
  return ENTERPRISE_ROUTE + encodeURIComponent(id);
}

/** A link to the enterprise's page that does not also do what its row or list item does on a click. */
export function enterpriseLink(id, text) {
  const a = h('a', { class: 'ent-link', href: enterpriseHref(id), dataset: { enterprise: id } }, text);
  a.addEventListener('click', (e) => {
    e.stopPropagation();
    if (location.hash === a.getAttribute('href')) {
      // already the address (e.g. after a tab was chosen): open the page again
      e.preventDefault();
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
  });
  return a;
}
