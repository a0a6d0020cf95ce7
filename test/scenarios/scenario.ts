import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  accountInputSchema,
  accountSchema,
  type Account,
  type AccountInput,
} from '../../src/domain/snapshot.js';
import { settingsSchema, type Settings } from '../../src/domain/settings.js';

/**
 * Golden scenario files (test/scenarios/*.json): small, readable stories with
 * hand-computed expectations. See README.md in this folder for the format.
 * Accounts may leave out fields: they take the neutral defaults (nothing rated,
 * no deals, no contacts), then the result is validated against the engine's
 * input schema, so a typo in a file fails loudly.
 */

const expectationsSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

const stepSchema = z.object({
  note: z.string().optional(),
  asOf: z.iso.datetime({ offset: true }),
  /** Accounts as they are at this step; each one's previous state is the last step's result. */
  accounts: z.array(z.record(z.string(), z.unknown())),
  expect: expectationsSchema,
});

const scenarioSchema = z
  .object({
    title: z.string().min(1),
    spec: z.string().regex(/^§\d/),
    story: z.string().min(1),
    settings: z.record(z.string(), z.unknown()).optional(),
    asOf: z.iso.datetime({ offset: true }).optional(),
    accounts: z.array(z.record(z.string(), z.unknown())).optional(),
    expect: expectationsSchema.optional(),
    steps: z.array(stepSchema).optional(),
  })
  .refine(
    (s) => (s.steps ? !s.asOf && !s.accounts && !s.expect : !!s.asOf && !!s.accounts && !!s.expect),
    {
      message: 'a scenario has either "steps" or "asOf" + "accounts" + "expect"',
    },
  );

export interface Step {
  note: string;
  asOf: string;
  /** Accounts with an explicit previous state (single-step files); steps carry it themselves. */
  inputs: { account: Account; previous: AccountInput['previous'] | undefined }[];
  expect: Record<string, Record<string, unknown>>;
}

export interface Scenario {
  file: string;
  title: string;
  spec: string;
  story: string;
  settings: Settings;
  steps: Step[];
}

const neutralAccount = (id: string) => ({
  id,
  name: id,
  ownerId: 'owner-1',
  segment: null,
  annualRevenue: null,
  employees: null,
  ratings: {},
  satisfaction: null,
  renewal: {},
  budgetStatus: null,
  competitorActive: null,
  avgDaysToPay: null,
  marginPct: null,
  productUsage: null,
  purchaseFactors: {},
  team: {},
  pinnedStage: null,
  serviceIssue: null,
  deals: [],
  contacts: [],
  engagements: [],
});

const nulls = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, null]));

/** Fills left-out fields with neutral values, then validates against the engine's schema. */
export function completeAccount(raw: Record<string, unknown>, where: string): Account {
  const id = String(raw.id ?? '');
  const base = neutralAccount(id);
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const list = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
  const merged = {
    ...base,
    ...raw,
    ratings: {
      ...nulls(['potential', 'reference', 'winnability', 'strategicFit', 'jointWork']),
      ...obj(raw.ratings),
    },
    renewal: { date: null, intent: null, ...obj(raw.renewal) },
    purchaseFactors: {
      ...nulls([
        'brand',
        'industryStandard',
        'afterSales',
        'performance',
        'solutionSpeed',
        'supply',
        'price',
        'decisionRelationship',
      ]),
      ...obj(raw.purchaseFactors),
    },
    team: {
      solutionManagerId: null,
      deliveryManagerId: null,
      serviceManagerId: null,
      ...obj(raw.team),
    },
    deals: list(raw.deals).map((d) => ({
      amount: null,
      closeDate: null,
      createDate: null,
      productLine: null,
      ...d,
    })),
    contacts: list(raw.contacts).map((c) => ({
      name: String(c.id),
      roles: [],
      stance: null,
      closeness: null,
      solutionAcceptance: null,
      priceAcceptance: null,
      left: false,
      ...c,
    })),
    engagements: list(raw.engagements).map((e) => ({ type: 'meeting', contactIds: [], ...e })),
  };
  delete (merged as Record<string, unknown>).previous;
  const parsed = accountSchema.safeParse(merged);
  if (!parsed.success)
    throw new Error(`${where}: account ${id} is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function loadScenario(dir: string, file: string): Scenario {
  const raw = scenarioSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  if (!raw.success) throw new Error(`${file}: ${z.prettifyError(raw.error)}`);
  const s = raw.data;
  const settings = settingsSchema.parse(s.settings ?? {});
  const rawSteps = s.steps ?? [
    { note: '', asOf: s.asOf as string, accounts: s.accounts ?? [], expect: s.expect ?? {} },
  ];
  const steps = rawSteps.map((step, i): Step => {
    const where = `${file} step ${i + 1}`;
    const inputs = step.accounts.map((a) => {
      const account = completeAccount(a, where);
      if (a.previous === undefined) return { account, previous: undefined };
      const previous = accountInputSchema.shape.previous.parse(a.previous);
      return { account, previous };
    });
    for (const id of Object.keys(step.expect)) {
      if (!inputs.some((x) => x.account.id === id))
        throw new Error(`${where}: expectations for unknown account ${id}`);
    }
    return { note: step.note ?? '', asOf: step.asOf, inputs, expect: step.expect };
  });
  return { file, title: s.title, spec: s.spec, story: s.story, settings, steps };
}

export function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/**
 * Reads a dotted path from an evaluation. A segment naming a code selects the
 * array item with that code (e.g. `alerts.open.revenue_falling.params.q1Change`).
 */
export function readPath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur)) {
      const byCode = cur.find(
        (x) => x && typeof x === 'object' && (x as { code?: unknown }).code === seg,
      );
      cur = byCode !== undefined ? byCode : /^\d+$/.test(seg) ? cur[Number(seg)] : undefined;
    } else if (cur && typeof cur === 'object') {
      cur = (cur as Record<string, unknown>)[seg];
    } else {
      return undefined;
    }
  }
  return cur;
}

/** Arrays of message refs or alerts compare by their codes, so files can list just the codes. */
export function comparable(actual: unknown, expected: unknown): unknown {
  if (
    Array.isArray(actual) &&
    Array.isArray(expected) &&
    expected.every((e) => typeof e === 'string')
  ) {
    return actual.map((a) =>
      a && typeof a === 'object' && 'code' in a ? (a as { code: unknown }).code : a,
    );
  }
  return actual;
}
