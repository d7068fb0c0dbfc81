// The park map (一张地图管网格): an SVG plan of the supervision grid cells with every enterprise as a marker in
// its risk colour, positions from the registry (GET /api/board/plan). No map tiles: the plan is drawn here.

import { enterpriseHref } from './enterprise-link.js';

const SVG = 'http://www.w3.org/2000/svg';
export const RISK_COLOURS = { RED: '#e53935', ORANGE: '#fb8c00', YELLOW: '#fdd835', BLUE: '#1e88e5' };

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
  if (parent) {
    parent.appendChild(node);
  }
  return node;
}

export function createMap(svg, handlers) {
  const markers = new Map();
  const cellNodes = new Map();
  let plan = { gridCells: [], enterprises: [] };

  function bounds() {
    const xs = [];
    const ys = [];
    plan.gridCells.forEach((c) => {
      if (c.outline) {
        c.outline.forEach((p) => { xs.push(p.x); ys.push(p.y); });
      } else {
        xs.push(c.x, c.x + c.width);
        ys.push(c.y, c.y + c.height);
      }
    });
    plan.enterprises.forEach((e) => {
      if (e.position) {
        xs.push(e.position.x);
        ys.push(e.position.y);
      }
    });
    if (xs.length === 0) {
      return null;
    }
    const pad = 30;
    const minX = Math.min(...xs) - pad;
    const minY = Math.min(...ys) - pad;
    return [minX, minY, Math.max(...xs) + pad - minX, Math.max(...ys) + pad - minY];
  }

  function setPlan(next) {
    plan = next || { gridCells: [], enterprises: [] };
    svg.replaceChildren();
    markers.clear();
    cellNodes.clear();
    const box = bounds();
    if (!box) {
      return false;
    }
    svg.setAttribute('viewBox', box.join(' '));
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    const cells = el('g', { class: 'cells' }, svg);
    plan.gridCells.forEach((c) => {
      const g = el('g', { class: 'cell', 'data-grid-cell': c.id }, cells);
      let cx;
      let cy;
      if (c.outline) {
        el('polygon', { points: c.outline.map((p) => p.x + ',' + p.y).join(' ') }, g);
        cx = Math.min(...c.outline.map((p) => p.x)) + 12;
        cy = Math.min(...c.outline.map((p) => p.y)) + 28;
      } else {
        el('rect', { x: c.x, y: c.y, width: c.width, height: c.height, rx: 6 }, g);
        cx = c.x + 12;
        cy = c.y + 28;
      }
      const label = el('text', { x: cx, y: cy, class: 'cell-label' }, g);
      label.textContent = c.name || c.id;
      const count = el('text', { x: cx, y: cy + 24, class: 'cell-count' }, g);
      g.addEventListener('click', () => handlers.onCell(c.id));
      cellNodes.set(c.id, { g, count });
    });
    const layer = el('g', { class: 'markers' }, svg);
    plan.enterprises.filter((e) => e.position).forEach((e) => {
      const g = el('g', { class: 'marker', 'data-enterprise': e.id, transform: 'translate(' + e.position.x + ' ' + e.position.y + ')' }, layer);
      el('circle', { class: 'halo', r: 30 }, g);
      el('circle', { class: 'dot', r: 16 }, g);
      const count = el('text', { class: 'marker-count', y: 6 }, g);
      const link = el('a', { class: 'marker-link', href: enterpriseHref(e.id) }, g);
      link.addEventListener('click', (ev) => ev.stopPropagation());
      const name = el('text', { class: 'marker-name', y: 40 }, link);
      name.textContent = e.name || e.id;
      const level = e.majorHazardLevel;
      let hazard = null;
      if (level) {
        g.dataset.hazardLevel = String(level);
        hazard = el('text', { class: 'marker-hazard', y: 56 }, g);
      }
      const title = el('title', {}, g);
      title.textContent = e.name || e.id;
      g.addEventListener('click', (ev) => { ev.stopPropagation(); handlers.onEnterprise(e.id); });
      markers.set(e.id, { g, count, title, hazard, level, name: e.name || e.id });
    });
    return true;
  }

  /** risk: enterprise → RiskState; alarms: enterprise → active alarm count; cells: grid cell → count. */
  function update(risk, alarms, cellAlarms, label) {
    markers.forEach((m, id) => {
      const r = risk.get(id);
      const colour = r ? r.colour : 'BLUE';
      m.g.dataset.colour = colour;
      m.g.dataset.overWarningLine = String(!!(r && r.overWarningLine));
      m.g.dataset.overAlarmLine = String(!!(r && r.overAlarmLine));
      m.g.querySelector('.dot').setAttribute('fill', RISK_COLOURS[colour] || RISK_COLOURS.BLUE);
      const n = alarms.get(id) || 0;
      m.count.textContent = n > 0 ? String(n) : '';
      m.g.dataset.alarms = String(n); // live alarms flash on top of the grade's colour
      const hazard = m.level ? handlers.hazardLabel(m.level) : '';
      if (m.hazard) {
        m.hazard.textContent = hazard;
      }
      m.title.textContent = m.name + ' · ' + label(colour) + (hazard ? ' · ' + hazard : '') + (n > 0 ? ' · ' + n : '');
    });
    cellNodes.forEach((c, id) => {
      const n = cellAlarms.get(id) || 0;
      c.count.textContent = n > 0 ? '⚠ ' + n : '';
      c.g.dataset.alarms = String(n);
    });
  }

  return { setPlan, update };
}
