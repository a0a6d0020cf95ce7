import type {
  AlertSla,
  CommitteeMember,
  MessageParams,
  MessageRef,
  OpenAlert,
} from '../shared/generated/contract.js';
import type { I18n } from '../shared/i18n.js';

/** The reason text of an open alert: a variant param picks `alerts.reason.<code>.<variant>` (as the engine's alertMessage). */
export function alertReason(alert: Pick<OpenAlert, 'code' | 'params'>): MessageRef {
  const variant = alert.params.variant;
  const code =
    typeof variant === 'string'
      ? `alerts.reason.${alert.code}.${variant}`
      : `alerts.reason.${alert.code}`;
  return { code, params: alert.params };
}

/** Where an alert stands on its 3R clock, measured at the server's answer time. */
export function slaLines(
  sla: AlertSla | undefined,
  renderedAt: string,
  i18n: I18n,
): { text: string; late: boolean }[] {
  if (!sla) return [];
  const now = Date.parse(renderedAt);
  const past = (at: string) => Date.parse(at) < now;
  const lines: { text: string; late: boolean }[] = [];
  if (sla.respondedAt === null) {
    const late = past(sla.respondBy);
    lines.push({
      text: i18n.t(late ? 'ka.alerts.respondOverdue' : 'ka.alerts.respondBy', {
        at: i18n.dateTime(sla.respondBy),
      }),
      late,
    });
  } else {
    lines.push({
      text: i18n.t('ka.alerts.responded', { at: i18n.dateTime(sla.respondedAt) }),
      late: false,
    });
  }
  if (sla.plannedAt === null) {
    const late = past(sla.planBy);
    lines.push({
      text: i18n.t(late ? 'ka.alerts.planOverdue' : 'ka.alerts.planBy', {
        at: i18n.dateTime(sla.planBy),
      }),
      late,
    });
  } else {
    lines.push({
      text: i18n.t('ka.alerts.planned', { at: i18n.dateTime(sla.plannedAt) }),
      late: false,
    });
  }
  if (sla.clock === 'business')
    for (const l of lines) l.text = `${l.text} ${i18n.t('ka.alerts.businessClock')}`;
  return lines;
}

/** Evidence as short lines: the people and deals by name, and the facts the rule read. */
export function evidenceLines(
  alert: OpenAlert,
  members: readonly CommitteeMember[],
  deals: Readonly<Record<string, string>>,
  i18n: I18n,
): string[] {
  const lines: string[] = [];
  const { contactIds, dealIds, facts } = alert.evidence;
  // People who left are no longer members: the reason text already names them.
  const names = contactIds.flatMap((id) =>
    members.filter((m) => m.contactId === id).map((m) => m.name),
  );
  if (names.length > 0) lines.push(i18n.t('ka.alerts.people', { names: names.join(', ') }));
  if (dealIds.length > 0) {
    lines.push(
      i18n.t('ka.alerts.deals', { names: dealIds.map((id) => deals[id] ?? `#${id}`).join(', ') }),
    );
  }
  // Facts the reason text already states are not repeated.
  const factText = factsText(
    Object.fromEntries(Object.entries(facts).filter(([k]) => !(k in alert.params))),
    i18n,
  );
  if (factText) lines.push(i18n.t('ka.alerts.facts', { facts: factText }));
  return lines;
}

function factsText(facts: MessageParams, i18n: I18n): string {
  return Object.entries(facts)
    .map(([key, value]) => {
      const label = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      const shown =
        typeof value === 'number' ? i18n.num(value) : value === null ? '—' : String(value);
      return `${label} ${shown}`;
    })
    .join(' · ');
}
