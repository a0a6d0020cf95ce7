import React from 'react';
import { Accordion, Flex, Link, StatusTag, Text, Tile } from '@hubspot/ui-extensions';
import type { OpenAlert } from '../shared/generated/contract.js';
import { alertLevelStatus, Section } from '../shared/ui.js';
import { alertReason, evidenceLines, slaLines } from './alert-view.js';
import type { SectionProps } from './types.js';

const AlertItem = ({ alert, data, i18n }: SectionProps & { alert: OpenAlert }) => {
  const sla = data.sla.find((s) => s.root === alert.root);
  const tasks = data.taskLinks.filter((t) => t.root === alert.root);
  const evidence = evidenceLines(alert, data.evaluation.committee.members, data.labels.deals, i18n);
  return (
    <Tile compact testId={`alert-${alert.code}`}>
      <Flex direction="column" gap="extra-small">
        <Flex direction="row" gap="small" align="center">
          <StatusTag variant={alertLevelStatus[alert.level]}>
            {i18n.t(`alerts.level.${alert.level}`)}
          </StatusTag>
          <Text format={{ fontWeight: 'demibold' }}>{i18n.t(`alerts.title.${alert.code}`)}</Text>
        </Flex>
        <Text>{i18n.msg(alertReason(alert))}</Text>
        {evidence.map((line, i) => (
          <Text key={i} variant="microcopy">
            {line}
          </Text>
        ))}
        <Text variant="microcopy">
          {i18n.t('ka.alerts.opened', { at: i18n.dateTime(alert.openedAt) })}
        </Text>
        {slaLines(sla, data.renderedAt, i18n).map((line, i) => (
          <Text key={i} variant="microcopy" format={line.late ? { fontWeight: 'bold' } : undefined}>
            {line.text}
          </Text>
        ))}
        {tasks.map((task) => (
          <Link key={task.taskId} href={task.url}>
            {i18n.t(`ka.alerts.task.${task.kind}`)} (
            {task.status === 'open'
              ? i18n.t('ka.alerts.task.open', { at: i18n.dateTime(task.dueAt) })
              : i18n.t('ka.alerts.task.completed')}
            )
          </Link>
        ))}
        {tasks.length === 0 && sla?.noTask ? (
          <Text variant="microcopy">{i18n.t(`ka.alerts.noTask.${sla.noTask}`)}</Text>
        ) : null}
      </Flex>
    </Tile>
  );
};

/** Open alerts, worst first, with evidence, 3R deadlines and task links; then what cleared or was not checked. */
export const AlertsSection = ({ data, i18n }: SectionProps) => {
  const { alerts } = data.evaluation;
  return (
    <Section title={i18n.t('ka.alerts')} testId="alerts">
      {alerts.open.length === 0 ? <Text>{i18n.t('ka.alerts.none')}</Text> : null}
      {alerts.open.map((alert) => (
        <AlertItem key={alert.code} alert={alert} data={data} i18n={i18n} />
      ))}
      {alerts.closed.length > 0 ? (
        <Accordion title={i18n.t('ka.alerts.closed')} size="small">
          {alerts.closed.map((c) => (
            <Text key={c.code} variant="microcopy">
              {i18n.t(`alerts.title.${c.code}`)}: {i18n.msg(c.reason)}
            </Text>
          ))}
        </Accordion>
      ) : null}
      {alerts.skipped.length > 0 ? (
        <Accordion title={i18n.t('ka.alerts.skipped')} size="small">
          {alerts.skipped.map((s) => (
            <Text key={s.code} variant="microcopy">
              {i18n.t(`alerts.title.${s.code}`)}: {i18n.msg(s.reason)}
            </Text>
          ))}
        </Accordion>
      ) : null}
    </Section>
  );
};
