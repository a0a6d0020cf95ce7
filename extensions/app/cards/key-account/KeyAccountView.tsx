import React from 'react';
import { Alert, Box, Divider, Flex, Tile } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';
import { AlertsSection } from './AlertsSection.js';
import { CadenceSection } from './CadenceSection.js';
import { HealthSection } from './HealthSection.js';
import { KeyStatusSection } from './KeyStatusSection.js';
import { LifecycleSection } from './LifecycleSection.js';
import { PurchaseFactorsSection } from './PurchaseFactorsSection.js';
import { ReevaluateFooter, type ReevaluateState } from './ReevaluateFooter.js';
import { ScoreSection } from './ScoreSection.js';
import { SummarySection } from './SummarySection.js';
import { TeamSection } from './TeamSection.js';
import { TierSection } from './TierSection.js';
import type { SectionProps } from './types.js';

const Row = ({ children }: { children: ReactNode }) => (
  <Flex direction="row" gap="medium" wrap="wrap" align="stretch">
    {children}
  </Flex>
);
const Column = ({ children }: { children: ReactNode }) => (
  <Box flex={1}>
    <Tile compact>
      <Flex direction="column" gap="medium">
        {children}
      </Flex>
    </Tile>
  </Box>
);

export interface KeyAccountViewProps extends SectionProps {
  reevaluate?: ReevaluateState;
  onReevaluate?: () => void;
}

/** The evaluated company: everything the engine said about it, sections side by side. */
export const KeyAccountView = ({
  data,
  i18n,
  reevaluate = { state: 'idle' },
  onReevaluate = () => {},
}: KeyAccountViewProps) => (
  <Flex direction="column" gap="medium" testId="key-account-view">
    {!data.appObjectsAvailable ? (
      <Alert title={i18n.t('ka.appObjects.title')} variant="info" testId="app-objects-note">
        {i18n.t('ka.appObjects.body')}
      </Alert>
    ) : null}
    <SummarySection data={data} i18n={i18n} />
    <AlertsSection data={data} i18n={i18n} />
    <Row>
      <Column>
        <ScoreSection data={data} i18n={i18n} />
      </Column>
      <Column>
        <KeyStatusSection data={data} i18n={i18n} />
        <TierSection data={data} i18n={i18n} />
      </Column>
    </Row>
    <Row>
      <Column>
        <HealthSection data={data} i18n={i18n} />
      </Column>
      <Column>
        <LifecycleSection data={data} i18n={i18n} />
      </Column>
    </Row>
    <Row>
      <Column>
        <CadenceSection data={data} i18n={i18n} />
      </Column>
      <Column>
        <PurchaseFactorsSection data={data} i18n={i18n} />
        <TeamSection data={data} i18n={i18n} />
      </Column>
    </Row>
    <Divider />
    <ReevaluateFooter
      i18n={i18n}
      lastEvaluatedAt={data.lastEvaluatedAt}
      queued={data.reevaluationQueued}
      reevaluate={reevaluate}
      onReevaluate={onReevaluate}
    />
  </Flex>
);
