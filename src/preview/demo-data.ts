import type { z } from 'zod';
import type {
  AlertSla,
  CompanyCardResponse,
  ContactCardResponse,
  PortfolioResponse,
  TaskLink,
} from '../cards/contract.js';
import { companyCardOkSchema } from '../cards/contract.js';
import { aggregateRowOf, buildAggregates, type PortfolioFilter } from '../domain/aggregates.js';
import { evaluatePortfolio } from '../domain/index.js';
import type { Evaluation } from '../domain/evaluation.js';
import { settingsSchema, type Settings } from '../domain/settings.js';
import type { AccountInput } from '../domain/snapshot.js';
import { generateDemoPortal, storyPreviousState, type DemoPortal } from '../demo/index.js';
import { groupAccountRecords } from '../sync/group-records.js';
import { toAccount } from '../sync/to-account.js';

/**
 * Card data for a demo portal, evaluated by the real engine: what the HTML
 * preview, the card tests and the browser test show. The backend builds the
 * same shapes from its store; the SLA times and task links here are made up
 * the way the backend makes them (3R deadlines from when the alert opened).
 */

export type CompanyCardOk = z.infer<typeof companyCardOkSchema>;

export interface DemoCards {
  portalId: string;
  portal: DemoPortal;
  settings: Settings;
  evaluations: Evaluation[];
  /** Company id → card answer. */
  companyCard(companyId: string): CompanyCardResponse;
  contactCard(contactId: string): ContactCardResponse;
  portfolio(filter?: { owner?: string; segment?: string }): PortfolioResponse;
  /** The company of a demo story, e.g. 'decision_maker_left'. */
  storyCompanyId(key: string): string;
}

const HOUR = 3_600_000;
const addHours = (iso: string, h: number) => new Date(Date.parse(iso) + h * HOUR).toISOString();

function slaAndTasks(
  e: Evaluation,
  settings: Settings,
  portalId: string,
): { sla: AlertSla[]; taskLinks: TaskLink[] } {
  const sla: AlertSla[] = [];
  const taskLinks: TaskLink[] = [];
  const roots = new Map<string, Evaluation['alerts']['open'][number]>();
  for (const a of e.alerts.open) if (!roots.has(a.root)) roots.set(a.root, a);
  let n = 0;
  for (const [root, alert] of roots) {
    const respondBy = addHours(alert.openedAt, settings.alerts.respondHours);
    const planBy = addHours(alert.openedAt, settings.alerts.planHours);
    const tasked = settings.alerts.taskLevels.includes(alert.level);
    // An alert opened before this evaluation was answered within the hour: show both halves of 3R.
    const responded =
      Date.parse(alert.openedAt) < Date.parse(e.asOf) - settings.alerts.respondHours * HOUR;
    const respondedAt = responded ? addHours(alert.openedAt, 1) : null;
    sla.push({
      root,
      respondBy,
      planBy,
      respondedAt,
      plannedAt: null,
      clock: settings.alerts.slaClock,
      noTask: tasked ? null : 'level_not_tasked',
    });
    if (!tasked) continue;
    const taskId = `${9_000_000 + Number(e.accountId) * 10 + n++}`;
    const url = `https://app.hubspot.com/tasks/${portalId}/view/all/task/${taskId}`;
    taskLinks.push({
      root,
      taskId,
      kind: responded ? 'plan' : 'respond',
      status: 'open',
      dueAt: responded ? planBy : respondBy,
      url,
    });
  }
  return { sla, taskLinks };
}

export function buildDemoCards(
  options: { companies?: number; seed?: number; portalId?: string } = {},
): DemoCards {
  const portalId = options.portalId ?? '123';
  const portal = generateDemoPortal({
    companies: options.companies ?? 40,
    seed: options.seed ?? 1,
  });
  const settings = settingsSchema.parse({ timeZone: portal.timeZone });
  const bundleOf = new Map(portal.bundles.map((b) => [b.company.id, b]));
  const inputs: AccountInput[] = groupAccountRecords(portal).map((records) => {
    const { account } = toAccount(records, settings);
    const bundle = bundleOf.get(account.id);
    return { account, previous: bundle ? storyPreviousState(portal.context, bundle) : null };
  });
  const result = evaluatePortfolio(inputs, settings, portal.asOf);
  const byId = new Map(result.evaluations.map((e) => [e.accountId, e]));
  const names = new Map(portal.companies.map((c) => [c.id, c.properties.name ?? `#${c.id}`]));
  const users = Object.fromEntries(
    portal.owners.map((o) => [o.id, `${o.firstName} ${o.lastName}`]),
  );
  const deals = Object.fromEntries(
    portal.deals.map((d) => [d.id, d.properties.dealname ?? `#${d.id}`]),
  );
  const portalInfo = { currency: 'USD', timeZone: portal.timeZone };

  const companyCard = (companyId: string): CompanyCardResponse => {
    const e = byId.get(companyId);
    if (!e)
      return { status: 'not_evaluated', reevaluationQueued: false, appObjectsAvailable: true };
    return companyCardOkSchema.parse({
      status: 'ok',
      company: { id: companyId, name: names.get(companyId) ?? companyId },
      portal: portalInfo,
      evaluation: e,
      renderedAt: addHours(e.asOf, 0.5),
      lastEvaluatedAt: e.asOf,
      reevaluationQueued: false,
      ...slaAndTasks(e, settings, portalId),
      appObjectsAvailable: true,
      labels: { users, deals },
    });
  };

  const contactCard = (contactId: string): ContactCardResponse => {
    const e = result.evaluations.find((ev) =>
      ev.committee.members.some((m) => m.contactId === contactId),
    );
    const member = e?.committee.members.find((m) => m.contactId === contactId);
    if (!e || !member) return { status: 'no_company' };
    const c = e.committee;
    return {
      status: 'ok',
      contact: { id: contactId, name: member.name },
      company: { id: e.accountId, name: names.get(e.accountId) ?? e.accountId },
      portal: portalInfo,
      member,
      committee: {
        rolesMissing: c.rolesMissing,
        hasDecisionMaker: c.hasDecisionMaker,
        singleThreaded: c.singleThreaded,
        opposingDecisionMaker: c.opposingDecisionMaker,
        isKeyAccount: e.rank.isKeyAccount,
      },
      lastEvaluatedAt: e.asOf,
      renderedAt: addHours(e.asOf, 0.5),
    };
  };

  const portfolio = (filter: { owner?: string; segment?: string } = {}): PortfolioResponse => {
    const pick = (v: string | undefined) => (v === undefined ? undefined : v === 'none' ? null : v);
    const rows = result.evaluations;
    const aggregates = evaluatePortfolioAggregates(rows, settings, {
      ownerId: pick(filter.owner),
      segment: pick(filter.segment),
    });
    const open = rows
      .flatMap((e) => e.alerts.open)
      .filter((a) => settings.alerts.taskLevels.includes(a.level));
    const onTime = Math.round(open.length * 0.8);
    return {
      status: 'ok',
      asOf: portal.asOf,
      aggregates,
      sla: {
        windowDays: 30,
        due: open.length,
        respondedOnTime: onTime,
        respondedLate: open.length - onTime - Math.min(1, open.length - onTime),
        openOverdue: Math.min(1, open.length - onTime),
        compliancePct: open.length === 0 ? null : Math.round((1000 * onTime) / open.length) / 10,
      },
      owners: portal.owners.map((o) => ({ id: o.id, name: `${o.firstName} ${o.lastName}` })),
      segments: [
        ...new Set(rows.map((e) => e.segment).filter((s): s is string => s !== null)),
      ].sort(),
    };
  };

  const storyCompanyId = (key: string): string => {
    const story = portal.stories.find((s) => s.key === key);
    if (!story) throw new Error(`no demo story "${key}"`);
    return story.companyId;
  };

  return {
    portalId,
    portal,
    settings,
    evaluations: result.evaluations,
    companyCard,
    contactCard,
    portfolio,
    storyCompanyId,
  };
}

function evaluatePortfolioAggregates(
  rows: readonly Evaluation[],
  settings: Settings,
  filter: PortfolioFilter,
) {
  return buildAggregates(rows.map(aggregateRowOf), settings, filter);
}
