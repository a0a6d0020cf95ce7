import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog, catalogParts, locales } from '../../src/domain/messages/index.js';
import {
  compileTemplate,
  formatValue,
  placeholdersOf,
  renderMessage,
} from '../../src/domain/messages/render.js';
import { alertMessageCodes } from '../../src/domain/alerts.js';

const domainDir = join(__dirname, '../../src/domain');

describe('message catalog — every part in both languages', () => {
  it.each(Object.keys(catalogParts))('part %s: the same codes in en and zh-CN', (name) => {
    const part = catalogParts[name];
    expect(Object.keys(part['zh-CN']).sort()).toEqual(Object.keys(part.en).sort());
  });
  it.each(Object.keys(catalogParts))(
    'part %s: the same placeholders (and formats) in both languages',
    (name) => {
      const part = catalogParts[name];
      const mismatched = Object.keys(part.en).filter(
        (code) =>
          code in part['zh-CN'] &&
          placeholdersOf(part.en[code]).join() !== placeholdersOf(part['zh-CN'][code]).join(),
      );
      expect(mismatched).toEqual([]);
    },
  );
  it.each(Object.keys(catalogParts))('part %s: codes are named after the area', (name) => {
    const prefixes = [
      `${name}.`,
      `${name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())}.`,
      'purchaseFactors.',
      'pf.',
    ];
    const stray = Object.keys(catalogParts[name].en).filter(
      (c) => name !== 'common' && !prefixes.some((p) => c.startsWith(p)),
    );
    expect(stray).toEqual([]);
  });
  it('no code is defined by two parts', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, part] of Object.entries(catalogParts)) {
      for (const code of Object.keys(part.en)) {
        if (seen.has(code)) clashes.push(`${code} (${seen.get(code)} and ${name})`);
        seen.set(code, name);
      }
    }
    expect(clashes).toEqual([]);
  });
  it('no template is empty, and Chinese templates are really Chinese', () => {
    for (const locale of locales) {
      expect(
        Object.entries(catalog[locale])
          .filter(([, t]) => t.trim() === '')
          .map(([c]) => c),
      ).toEqual([]);
    }
    // Names (e.g. "2026Q3") may be Latin, but any text longer than a few words must contain CJK.
    const latinOnly = Object.entries(catalog['zh-CN']).filter(
      ([, t]) => t.replace(/\{[^}]*\}/g, '').trim().length > 12 && !/[\u4e00-\u9fff]/.test(t),
    );
    expect(latinOnly.map(([c]) => c)).toEqual([]);
  });
  it('every {param:@prefix} lookup points at a prefix the catalog has', () => {
    const prefixes = new Set<string>();
    for (const t of Object.values(catalog.en)) {
      for (const seg of compileTemplate(t))
        if (typeof seg !== 'string' && seg.format.startsWith('@'))
          prefixes.add(seg.format.slice(1));
    }
    const codes = Object.keys(catalog.en);
    expect([...prefixes].filter((p) => !codes.some((c) => c.startsWith(`${p}.`)))).toEqual([]);
  });
  it('every alert code, variant, title, closing and skip reason has a template in both languages', () => {
    for (const locale of locales)
      expect(alertMessageCodes().filter((c) => !(c in catalog[locale]))).toEqual([]);
  });
  it('every message code written as a literal in src/domain/*.ts has a template in both languages', () => {
    // A quoted string shaped like "<area>.<what>" is a message code (settings.ts names setting paths instead).
    const areas = [...Object.keys(catalogParts), 'purchaseFactors'].join('|');
    const literal = new RegExp(`'((?:${areas})\\.[A-Za-z0-9_.-]*[A-Za-z0-9_])'`, 'g');
    const missing: string[] = [];
    const found = new Set<string>();
    for (const file of readdirSync(domainDir).filter(
      (f) => f.endsWith('.ts') && f !== 'settings.ts',
    )) {
      const text = readFileSync(join(domainDir, file), 'utf8');
      for (const m of text.matchAll(literal)) {
        found.add(m[1]);
        for (const locale of locales)
          if (!(m[1] in catalog[locale])) missing.push(`${file}: ${m[1]} (${locale})`);
      }
    }
    expect(found).toContain('summary.first'); // the scan itself works
    expect(missing).toEqual([]);
  });
});

describe('renderMessage', () => {
  const ref = (code: string, params: Record<string, string | number | boolean | null> = {}) => ({
    code,
    params,
  });
  it('fills placeholders in each language', () => {
    expect(
      renderMessage(
        ref('alerts.reason.satisfaction_low', { satisfaction: 62, threshold: 70 }),
        'en',
      ),
    ).toBe('Satisfaction is 62, below 70.');
    expect(
      renderMessage(
        ref('alerts.reason.satisfaction_low', { satisfaction: 62, threshold: 70 }),
        'zh-CN',
      ),
    ).toBe('满意度为 62 分，低于 70 分。');
  });
  it('an unknown code renders as [code], never a throw', () => {
    expect(renderMessage(ref('nope.missing'), 'en')).toBe('[nope.missing]');
    expect(renderMessage(ref('nope.missing'), 'zh-CN')).toBe('[nope.missing]');
  });
  it('a missing param stays visible', () => {
    expect(renderMessage(ref('alerts.reason.satisfaction_low', { satisfaction: 62 }), 'en')).toBe(
      'Satisfaction is 62, below {threshold}.',
    );
  });
  it('falls back to English when a Chinese template is missing', () => {
    catalog.en['test.only_en'] = 'Only {x}';
    try {
      expect(renderMessage(ref('test.only_en', { x: 1 }), 'zh-CN')).toBe('Only 1');
    } finally {
      delete catalog.en['test.only_en'];
    }
  });
  it('looks names up in the user’s language: {param:@prefix}', () => {
    const r = ref('alerts.reason.stage_moved_back', { from: 'repeat', to: 'customer' });
    expect(renderMessage(r, 'en')).toBe('Lifecycle stage moved back from Repeat to Customer.');
    expect(renderMessage(r, 'zh-CN')).toBe('生命周期阶段从“小型交易”倒退到“客户”。');
    // an unknown value shows raw rather than [code]
    expect(
      renderMessage(ref('alerts.reason.stage_moved_back', { from: 'weird', to: 'customer' }), 'en'),
    ).toContain('from weird to');
  });
  it('renders every code of the catalog with sample params without throwing', () => {
    for (const locale of locales) {
      for (const [code, template] of Object.entries(catalog[locale])) {
        const params: Record<string, string | number | null> = {};
        for (const seg of compileTemplate(template))
          if (typeof seg !== 'string') params[seg.name] = seg.format === 'date' ? '2026-11-23' : 1;
        const text = renderMessage({ code, params }, locale, { currency: 'USD' });
        expect(text).not.toMatch(/\{[A-Za-z_]\w*(:[^}]*)?\}/);
      }
    }
  });
});

describe('formatValue — numbers, money, dates per locale', () => {
  it.each([
    ['', 72, 'en', '72'],
    ['', 72.25, 'en', '72.3'],
    ['', 1234567, 'en', '1,234,567'],
    ['score', 72, 'en', '72.0'],
    ['score', 72, 'zh-CN', '72.0'],
    ['score', 72.45, 'en', '72.5'],
    ['int', 1234.6, 'en', '1,235'],
    ['pct', -20, 'en', '-20%'],
    ['pct', 12.5, 'zh-CN', '12.5%'],
    ['money', 1234567.4, 'en', '1,234,567'],
    ['date', '2026-11-23', 'en', 'Nov 23, 2026'],
    ['date', '2026-11-23', 'zh-CN', '2026年11月23日'],
    ['date', 'not a date', 'en', 'not a date'],
    ['', null, 'en', '—'],
    ['', true, 'en', 'yes'],
    ['', false, 'zh-CN', '否'],
    ['', 'text', 'en', 'text'],
  ] as const)('%p %p in %s → %p', (format, value, locale, expected) => {
    expect(formatValue(value, format, locale)).toBe(expected);
  });
  it('money uses the portal currency when given', () => {
    expect(formatValue(1234567, 'money', 'en', { currency: 'USD' })).toBe('$1,234,567');
    expect(formatValue(1234567, 'money', 'zh-CN', { currency: 'CNY' })).toBe('¥1,234,567');
    expect(formatValue(1000, 'money', 'en', { currency: 'XXQ' })).toContain('1,000');
  });
  it('an instant is shown as a date in the portal time zone', () => {
    expect(formatValue('2026-11-23T20:00:00Z', 'date', 'en', { timeZone: 'Asia/Shanghai' })).toBe(
      'Nov 24, 2026',
    );
    expect(formatValue('2026-11-23T20:00:00Z', 'date', 'en', { timeZone: 'UTC' })).toBe(
      'Nov 23, 2026',
    );
  });
});

describe('placeholders', () => {
  it('parses names and formats, ignores stray braces', () => {
    expect(placeholdersOf('a {x} b {y:score} {x} {not a name} {z:@summary.stageName}')).toEqual([
      'x',
      'y:score',
      'z:@summary.stageName',
    ]);
  });
});
