import { escapeHtml } from './escape.js';

/**
 * The kit's LineChart and BarChart drawn as static SVG from the same props
 * (rows, x/y fields, optional group-by-colour field): enough to see the trend.
 */

type Row = Record<string, unknown>;
interface Axis {
  field: string;
  label?: string;
}
interface Axes {
  x: Axis;
  y: Axis;
  options?: { groupFieldByColor?: string };
}

const palette = ['#ff7a59', '#00a4bd', '#6a78d1', '#f5c26b', '#00bda5', '#f2547d', '#516f90'];
const W = 520;
const H = 220;
const PAD = { left: 40, right: 12, top: 12, bottom: 36 };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function rowsOf(data: unknown): Row[] {
  const list = isRecord(data) && Array.isArray(data.data) ? data.data : data;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

function axesOf(axes: unknown): Axes | null {
  if (!isRecord(axes) || !isRecord(axes.x) || !isRecord(axes.y)) return null;
  const x = axes.x as unknown as Axis;
  const y = axes.y as unknown as Axis;
  const options = isRecord(axes.options) ? (axes.options as Axes['options']) : undefined;
  return { x, y, options };
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

export function chartSvg(kind: 'line' | 'bar', props: Record<string, unknown>): string {
  const axes = axesOf(props.axes);
  const rows = rowsOf(props.data);
  if (!axes || rows.length === 0) return '';
  const group = axes.options?.groupFieldByColor;
  const categories = [...new Set(rows.map((r) => String(r[axes.x.field])))];
  const seriesNames = group
    ? [...new Set(rows.map((r) => String(r[group])))]
    : [axes.y.label ?? axes.y.field];
  const value = (r: Row) => Number(r[axes.y.field]) || 0;
  const max = niceMax(Math.max(...rows.map(value)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const xAt = (i: number) =>
    PAD.left +
    (categories.length === 1
      ? plotW / 2
      : (i * plotW) / (categories.length - (kind === 'bar' ? 0 : 1)));
  const yAt = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const y = yAt(max * t);
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#eaf0f6"/>`,
    );
    parts.push(
      `<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end" font-size="10" fill="#516f90">${Math.round(max * t)}</text>`,
    );
  }
  const slot = plotW / Math.max(1, categories.length);
  categories.forEach((c, i) => {
    const x = kind === 'bar' ? PAD.left + slot * i + slot / 2 : xAt(i);
    parts.push(
      `<text x="${x}" y="${H - PAD.bottom + 16}" text-anchor="middle" font-size="10" fill="#516f90">${escapeHtml(c)}</text>`,
    );
  });
  seriesNames.forEach((name, si) => {
    const color = palette[si % palette.length];
    const points = categories.map((c, i) => {
      const row = rows.find(
        (r) => String(r[axes.x.field]) === c && (!group || String(r[group]) === name),
      );
      return row ? { i, v: value(row) } : null;
    });
    if (kind === 'line') {
      const d = points
        .filter((p) => p !== null)
        .map((p) => `${xAt(p.i)},${yAt(p.v)}`)
        .join(' ');
      parts.push(
        `<polyline fill="none" stroke="${color}" stroke-width="${si === 0 ? 3 : 1.5}" points="${d}"/>`,
      );
      for (const p of points)
        if (p) parts.push(`<circle cx="${xAt(p.i)}" cy="${yAt(p.v)}" r="3" fill="${color}"/>`);
    } else {
      const barW = (slot * 0.6) / seriesNames.length;
      for (const p of points) {
        if (!p) continue;
        const x = PAD.left + slot * p.i + slot * 0.2 + barW * si;
        parts.push(
          `<rect x="${x}" y="${yAt(p.v)}" width="${barW}" height="${PAD.top + plotH - yAt(p.v)}" fill="${color}" rx="2"/>`,
        );
        parts.push(
          `<text x="${x + barW / 2}" y="${yAt(p.v) - 4}" text-anchor="middle" font-size="10" fill="#33475b">${escapeHtml(String(p.v))}</text>`,
        );
      }
    }
  });
  const options = isRecord(props.options) ? props.options : {};
  const title =
    typeof options.title === 'string'
      ? `<div class="hs-chart-title">${escapeHtml(options.title)}</div>`
      : '';
  const legend =
    group && seriesNames.length > 1
      ? `<div class="hs-legend">${seriesNames.map((n, i) => `<span><i style="background:${palette[i % palette.length]}"></i>${escapeHtml(n)}</span>`).join('')}</div>`
      : '';
  return `<div class="hs-chart">${title}<svg viewBox="0 0 ${W} ${H}" width="100%" role="img">${parts.join('')}</svg>${legend}</div>`;
}
