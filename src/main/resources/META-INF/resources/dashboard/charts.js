// Small SVG charts, drawn by hand: no library, nothing fetched from elsewhere.

const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/**
 * Lines over time into `svg`: `series` is { name: [[t, value], ...] }, `colors` { name: color }.
 * `range` fixes the vertical axis ([min, max]); otherwise it runs from 0 to the largest value.
 */
export function lines(svg, series, colors, range) {
  const width = 600;
  const height = 160;
  const pad = 28;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const points = Object.values(series).flat();
  if (!points.length) return;
  const t0 = Math.min(...points.map(p => p[0]));
  const t1 = Math.max(t0 + 1, ...points.map(p => p[0]));
  const [lo, hi] = range || [0, Math.max(1e-9, ...points.map(p => p[1]))];
  const x = t => pad + (width - 2 * pad) * (t - t0) / (t1 - t0);
  const y = v => height - pad + (2 * pad - height) * (v - lo) / (hi - lo || 1);
  svg.append(el('line', { x1: pad, x2: width - pad, y1: y(lo), y2: y(lo), class: 'axis' }));
  const top = el('text', { x: 2, y: y(hi) + 4, class: 'tick' });
  top.textContent = Number(hi.toFixed(2)).toString();
  const bottom = el('text', { x: 2, y: y(lo) + 4, class: 'tick' });
  bottom.textContent = Number(lo.toFixed(2)).toString();
  svg.append(top, bottom);
  for (const [name, data] of Object.entries(series)) {
    if (!data.length) continue;
    const d = data.map((p, i) => (i ? 'L' : 'M') + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1)).join(' ');
    const path = el('path', { d, fill: 'none', stroke: colors[name] || '#456', 'stroke-width': 2 });
    const title = el('title', {});
    title.textContent = name;
    path.append(title);
    svg.append(path);
  }
}

/** A colour for a mean sentiment between -1 and 1: red, grey, green; each with text contrast above 4.5:1 on white. */
export function sentimentColor(mean) {
  if (mean == null || Number.isNaN(mean)) return '#5f6470';
  if (mean > 0.05) return '#1a7f37';
  if (mean < -0.05) return '#b42318';
  return '#5f6470';
}

const PALETTE = ['#1f5fbf', '#b35c00', '#1a7f37', '#8a2be2', '#b42318', '#00708a', '#6b5b00', '#c2185b'];

/** A stable colour per name. */
export function colorOf(name) {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}
