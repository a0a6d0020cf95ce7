import { chartSvg } from './chart-svg.js';
import { escapeHtml } from './escape.js';
import { gapOf } from './styles.js';

/**
 * Walks the tree the kit's test renderer produced (component name, props,
 * children) into plain HTML, one small rule per component our UI uses. An
 * unknown component keeps its children in a marked <div>, so nothing is lost.
 */

/** The parts of a rendered node we read (structurally the kit's RenderedNode). */
export interface TreeNode {
  nodeType: string;
  name?: string;
  text?: string | null;
  props?: Record<string, unknown>;
  childNodes?: TreeNode[];
}

type Props = Record<string, unknown>;
const str = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : '';
const attr = (v: unknown): string => escapeHtml(str(v));
const cls = (...names: unknown[]): string =>
  names.filter((n) => typeof n === 'string' && n !== '').join(' ');

function flexStyle(p: Props): string {
  const justify: Record<string, string> = {
    start: 'flex-start',
    end: 'flex-end',
    center: 'center',
    between: 'space-between',
    around: 'space-around',
  };
  const align: Record<string, string> = {
    start: 'flex-start',
    end: 'flex-end',
    center: 'center',
    stretch: 'stretch',
    baseline: 'baseline',
  };
  const styles = [
    `flex-direction:${p.direction === 'column' ? 'column' : 'row'}`,
    `gap:${gapOf(p.gap ?? 'flush')}`,
    p.wrap === true || p.wrap === 'wrap' ? 'flex-wrap:wrap' : '',
    typeof p.justify === 'string' ? `justify-content:${justify[p.justify] ?? 'flex-start'}` : '',
    typeof p.align === 'string' ? `align-items:${align[p.align] ?? 'stretch'}` : '',
  ];
  return styles.filter(Boolean).join(';');
}

function textClasses(p: Props): string {
  const format = (typeof p.format === 'object' && p.format !== null ? p.format : {}) as Props;
  return cls(
    'hs-text',
    p.variant === 'microcopy' && 'hs-microcopy',
    format.fontWeight === 'bold' && 'hs-bold',
    format.fontWeight === 'demibold' && 'hs-demibold',
  );
}

function field(p: Props, control: string): string {
  const error =
    p.error === true && p.validationMessage
      ? `<span class="hs-microcopy" style="color:#d94c53">${attr(p.validationMessage)}</span>`
      : '';
  const help = p.description ? `<span class="hs-microcopy">${attr(p.description)}</span>` : '';
  return `<label class="hs-field"><span class="hs-demibold">${attr(p.label)}</span>${control}${help}${error}</label>`;
}

function optionLabel(p: Props, value: unknown): string {
  const options = Array.isArray(p.options)
    ? (p.options as { label?: unknown; value?: unknown }[])
    : [];
  return str(options.find((o) => o.value === value)?.label ?? value);
}

export function childrenHtml(node: TreeNode): string {
  return (node.childNodes ?? []).map(nodeHtml).join('');
}

export function nodeHtml(node: TreeNode): string {
  if (node.nodeType === 'text') return escapeHtml(node.text ?? '');
  if (node.nodeType !== 'element') return childrenHtml(node);
  const p = node.props ?? {};
  const inner = childrenHtml(node);
  const testId = p.testId ? ` data-testid="${attr(p.testId)}"` : '';
  switch (node.name) {
    case 'Flex':
      return `<div class="hs-flex" style="${flexStyle(p)}"${testId}>${inner}</div>`;
    case 'Box':
      return `<div class="hs-box" style="flex:${attr(p.flex ?? 'initial')} 1 0">${inner}</div>`;
    case 'Tile':
      return `<div class="${cls('hs-tile', p.compact === true && 'compact')}"${testId}>${inner}</div>`;
    case 'Heading':
      return `<h3 class="hs-heading">${inner}</h3>`;
    case 'PageTitle':
      return `<h1 class="hs-page-title">${inner}</h1>`;
    case 'Text':
      return `<p class="${textClasses(p)}">${inner}</p>`;
    case 'Divider':
      return '<hr class="hs-divider">';
    case 'Statistics':
      return `<div class="hs-stats">${inner}</div>`;
    case 'StatisticsItem': {
      // A trend sits next to the number; anything else goes under it.
      const kids = node.childNodes ?? [];
      const trend = kids
        .filter((k) => k.name === 'StatisticsTrend')
        .map(nodeHtml)
        .join('');
      const rest = kids
        .filter((k) => k.name !== 'StatisticsTrend')
        .map(nodeHtml)
        .join('');
      return `<div class="hs-stat"><div class="hs-stat-label">${attr(p.label)}</div><div class="hs-stat-number">${attr(p.number)}${trend}</div>${rest}</div>`;
    }
    case 'StatisticsTrend':
      return `<span class="hs-trend ${attr(p.direction)}">${p.direction === 'decrease' ? '▼' : '▲'} ${attr(p.value)}</span>`;
    case 'Tag':
      return `<span class="${cls('hs-tag', str(p.variant))}">${inner}</span> `;
    case 'StatusTag':
      return `<span class="${cls('hs-status', str(p.variant))}">${inner}</span>`;
    case 'Alert':
      return `<div class="${cls('hs-alert', str(p.variant))}"${testId}><div class="hs-alert-title">${attr(p.title)}</div>${inner ? `<div>${inner}</div>` : ''}</div>`;
    case 'Table':
      return `<table class="${cls('hs-table', p.bordered === true && 'bordered')}">${inner}</table>`;
    case 'TableHead':
      return `<thead>${inner}</thead>`;
    case 'TableBody':
      return `<tbody>${inner}</tbody>`;
    case 'TableRow':
      return `<tr>${inner}</tr>`;
    case 'TableHeader':
      return `<th style="text-align:${attr(p.align ?? 'left')}">${inner}</th>`;
    case 'TableCell':
      return `<td style="text-align:${attr(p.align ?? 'left')}">${inner}</td>`;
    case 'DescriptionList':
      return `<dl class="${cls('hs-dl', p.direction === 'column' && 'column')}">${inner}</dl>`;
    case 'DescriptionListItem':
      return `<div><dt>${attr(p.label)}</dt><dd>${inner}</dd></div>`;
    case 'EmptyState':
      return `<div class="hs-empty"${testId}><div class="hs-empty-title">${attr(p.title)}</div>${inner}</div>`;
    case 'ErrorState':
      return `<div class="hs-error"${testId}><div class="hs-error-title">${attr(p.title)}</div>${inner}</div>`;
    case 'LoadingSpinner':
      return `<div class="hs-spinner">${attr(p.label)}</div>`;
    case 'Button':
    case 'LoadingButton':
      return `<button class="${cls('hs-button', str(p.variant))}"${p.disabled === true ? ' disabled' : ''}>${inner}</button>`;
    case 'Link': {
      const href = typeof p.href === 'object' && p.href !== null ? (p.href as Props).url : p.href;
      return `<a class="hs-link" href="${attr(href)}">${inner}</a>`;
    }
    case 'Accordion':
      return `<details class="hs-accordion"${p.defaultOpen === true ? ' open' : ''}><summary>${attr(p.title)}</summary>${inner}</details>`;
    case 'ProgressBar': {
      const max = Number(p.maxValue ?? 100) || 100;
      const pct = Math.max(0, Math.min(100, (Number(p.value ?? 0) / max) * 100));
      return `<div class="hs-field"><span class="hs-demibold">${attr(p.title)}</span><div class="${cls('hs-progress', str(p.variant))}"><span style="width:${pct}%"></span></div><span class="hs-microcopy">${attr(p.valueDescription)}${p.showPercentage ? ` ${Math.round(pct)}%` : ''}</span></div>`;
    }
    case 'LineChart':
      return chartSvg('line', p);
    case 'BarChart':
      return chartSvg('bar', p);
    case 'Tabs':
      return tabsHtml(node);
    case 'Input':
    case 'NumberInput':
      return field(p, `<input value="${attr(p.value)}" readonly>`);
    case 'Select':
      return field(
        p,
        `<select disabled><option>${escapeHtml(optionLabel(p, p.value))}</option></select>`,
      );
    case 'MultiSelect': {
      const values = Array.isArray(p.value) ? p.value : [];
      return field(
        p,
        `<span>${values.map((v) => `<span class="hs-tag">${escapeHtml(optionLabel(p, v))}</span>`).join(' ')}</span>`,
      );
    }
    case 'Toggle':
      return `<label class="hs-field"><span>${p.checked === true ? '●' : '○'} ${attr(p.label)}</span></label>`;
    default:
      return `<div data-component="${attr(node.name)}">${inner}</div>`;
  }
}

/** Tabs as a title row over the selected (or first) tab's content, as HubSpot shows them. */
function tabsHtml(node: TreeNode): string {
  const tabs = (node.childNodes ?? []).filter((c) => c.nodeType === 'element' && c.name === 'Tab');
  const p = node.props ?? {};
  const selected = p.selected ?? p.defaultSelected ?? tabs[0]?.props?.tabId;
  const current = tabs.find((t) => t.props?.tabId === selected) ?? tabs[0];
  const titles = tabs
    .map(
      (t) =>
        `<span class="${cls('hs-tab-title', t === current && 'selected')}">${attr(t.props?.title)}</span>`,
    )
    .join('');
  return `<div class="hs-tabs"><div class="hs-tab-titles">${titles}</div>${current ? childrenHtml(current) : ''}</div>`;
}
