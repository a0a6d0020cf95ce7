import { join } from 'node:path';
import { evaluatePortfolio } from '../../src/domain/index.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import type { AccountState, MessageRef } from '../../src/domain/snapshot.js';
import { alertMessage, alertTitle } from '../../src/domain/alerts.js';
import { summaryText } from '../../src/domain/summary.js';
import { catalog, locales } from '../../src/domain/messages/index.js';
import { renderMessage } from '../../src/domain/messages/render.js';
import { comparable, loadScenario, readPath, scenarioFiles, type Scenario } from './scenario.js';

/**
 * Runs every golden scenario through the public engine API, step by step (each
 * step's previous state is the one before's result), and checks its expectations.
 * Expectation keys: "path" (equal), "path has" (contains all), "path lacks"
 * (contains none); `summaryText.en` / `summaryText.zh-CN` is the rendered summary.
 */

const dir = __dirname;
const scenarios: Scenario[] = scenarioFiles(dir).map((f) => loadScenario(dir, f));

function run(s: Scenario): Evaluation[][] {
  const states = new Map<string, AccountState>();
  return s.steps.map((step) => {
    const inputs = step.inputs.map(({ account, previous }) => ({
      account,
      previous: previous !== undefined ? previous : (states.get(account.id) ?? null),
    }));
    const { evaluations } = evaluatePortfolio(inputs, s.settings, step.asOf);
    for (const ev of evaluations) states.set(ev.accountId, ev.state);
    return evaluations;
  });
}

function actualAt(ev: Evaluation, path: string, s: Scenario): unknown {
  if (path.startsWith('summaryText.')) {
    const locale = path.slice('summaryText.'.length) === 'zh-CN' ? 'zh-CN' : 'en';
    return summaryText(ev.summary, locale, { timeZone: s.settings.timeZone });
  }
  return readPath(ev, path);
}

/** Every message ref in an evaluation, with alerts turned into their reason texts. */
function messageRefs(ev: Evaluation): MessageRef[] {
  const out: MessageRef[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (
      typeof o.code === 'string' &&
      o.code.includes('.') &&
      o.params &&
      typeof o.params === 'object'
    ) {
      out.push(o as MessageRef);
      return;
    }
    for (const child of Object.values(o)) walk(child);
  };
  const { state: _state, ...rest } = ev; // state repeats the open alerts
  walk(rest);
  for (const a of ev.alerts.open) out.push(alertMessage(a), alertTitle(a.code));
  return out;
}

describe.each(scenarios.map((s) => [`${s.spec} ${s.title} (${s.file})`, s] as const))(
  '%s',
  (_name, s) => {
    let results: Evaluation[][] = [];
    beforeAll(() => {
      results = run(s);
    });

    s.steps.forEach((step, i) => {
      for (const [accountId, checks] of Object.entries(step.expect)) {
        for (const [key, expected] of Object.entries(checks)) {
          const label = `${s.steps.length > 1 ? `step ${i + 1} ` : ''}${accountId}: ${key}`;
          it(label, () => {
            const ev = results[i].find((e) => e.accountId === accountId) as Evaluation;
            const [path, op] = key.split(' ');
            const actual = comparable(actualAt(ev, path, s), expected);
            if (op === 'has') expect(actual).toEqual(expect.arrayContaining(expected as unknown[]));
            else if (op === 'lacks')
              for (const x of expected as unknown[]) expect(actual).not.toContainEqual(x);
            else expect(actual).toEqual(expected);
          });
        }
      }
    });

    it('every message it emits has a template in both languages and renders completely', () => {
      const problems = new Set<string>();
      for (const ev of results.flat()) {
        for (const ref of messageRefs(ev)) {
          for (const locale of locales) {
            if (!(ref.code in catalog[locale])) problems.add(`${ref.code}: no ${locale} template`);
            const text = renderMessage(ref, locale, { currency: 'USD' });
            if (/\{[A-Za-z_]\w*(:[^}]*)?\}/.test(text))
              problems.add(`${ref.code}: unfilled placeholder in ${locale}: ${text}`);
          }
        }
      }
      expect([...problems]).toEqual([]);
    });
  },
);

describe('golden scenario files', () => {
  it('there are scenarios, each with a story', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(11);
    for (const s of scenarios) expect(s.story.length).toBeGreaterThan(40);
  });
  it('are found in test/scenarios', () => {
    expect(scenarioFiles(join(__dirname)).length).toBe(scenarios.length);
  });
});
