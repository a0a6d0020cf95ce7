import React from 'react';
import { Alert, Flex, Heading, Text, Tile } from '@hubspot/ui-extensions';
import type { SettingsPreviewOk } from './shared/generated/contract.js';
import type { I18n } from './shared/i18n.js';

const List = ({ i18n, total, lines }: { i18n: I18n; total: number; lines: string[] }) => (
  <Flex direction="column" gap="flush">
    {lines.length === 0 ? <Text>{i18n.t('s.preview.none')}</Text> : null}
    {lines.map((line, i) => (
      <Text key={i}>{line}</Text>
    ))}
    {total > lines.length ? (
      <Text variant="microcopy">{i18n.t('ui.more', { count: total - lines.length })}</Text>
    ) : null}
  </Flex>
);

/** The what-if answer: who enters and leaves the key accounts, tier moves and alert counts. */
export const PreviewPanel = ({
  i18n,
  preview,
  stale,
}: {
  i18n: I18n;
  preview: SettingsPreviewOk;
  stale: boolean;
}) => (
  <Tile testId="preview">
    <Flex direction="column" gap="small">
      <Heading>{i18n.t('s.preview.title')}</Heading>
      {stale ? <Alert title={i18n.t('s.preview.stale')} variant="warning" /> : null}
      <Text>
        {i18n.t('s.preview.accounts', { accounts: preview.accounts })} ·{' '}
        {i18n.t('s.preview.keyAccounts', {
          before: preview.keyAccounts.before,
          after: preview.keyAccounts.after,
        })}
      </Text>
      <Flex direction="row" gap="large" wrap="wrap">
        <Flex direction="column" gap="extra-small" testId="preview-entering">
          <Text format={{ fontWeight: 'demibold' }}>
            {i18n.t('s.preview.entering', { total: preview.entering.total })}
          </Text>
          <List
            i18n={i18n}
            total={preview.entering.total}
            lines={preview.entering.items.map(
              (a) => `${a.name} (${i18n.t('s.preview.rank', { rankPct: a.rankPct })})`,
            )}
          />
        </Flex>
        <Flex direction="column" gap="extra-small" testId="preview-leaving">
          <Text format={{ fontWeight: 'demibold' }}>
            {i18n.t('s.preview.leaving', { total: preview.leaving.total })}
          </Text>
          <List
            i18n={i18n}
            total={preview.leaving.total}
            lines={preview.leaving.items.map(
              (a) => `${a.name} (${i18n.t('s.preview.rank', { rankPct: a.rankPct })})`,
            )}
          />
        </Flex>
        <Flex direction="column" gap="extra-small" testId="preview-tiers">
          <Text format={{ fontWeight: 'demibold' }}>
            {i18n.t('s.preview.tierMoves', { total: preview.tierMoves.total })}
          </Text>
          <List
            i18n={i18n}
            total={preview.tierMoves.total}
            lines={preview.tierMoves.items.map(
              (m) => `${m.name}: ${i18n.t('s.preview.move', { from: m.from, to: m.to })}`,
            )}
          />
        </Flex>
        <Flex direction="column" gap="extra-small" testId="preview-alerts">
          <Text format={{ fontWeight: 'demibold' }}>{i18n.t('s.preview.alerts')}</Text>
          {(['red', 'yellow', 'green'] as const).map((level) => (
            <Text key={level}>
              {i18n.t('s.preview.alertRow', { level, ...preview.alertCountChanges[level] })}
            </Text>
          ))}
        </Flex>
      </Flex>
    </Flex>
  </Tile>
);
