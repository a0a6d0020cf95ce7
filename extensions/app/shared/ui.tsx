import React, { type ReactNode } from 'react';
import { Flex, Heading, Text } from '@hubspot/ui-extensions';

/** Small layout pieces and colour choices shared by cards and pages. */

export const Section = ({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) => (
  <Flex direction="column" gap="extra-small" testId={testId}>
    <Heading>{title}</Heading>
    {children}
  </Flex>
);

/** Secondary text under a value. */
export const Note = ({ children }: { children: ReactNode }) => (
  <Text variant="microcopy">{children}</Text>
);

export type TagVariant = 'default' | 'warning' | 'success' | 'error' | 'info';
export type StatusVariant = 'danger' | 'warning' | 'info' | 'success' | 'default';

export const alertLevelStatus: Record<'red' | 'yellow' | 'green' | 'none', StatusVariant> = {
  red: 'danger',
  yellow: 'warning',
  green: 'info',
  none: 'success',
};

export const healthBandStatus: Record<'healthy' | 'watch' | 'at_risk', StatusVariant> = {
  healthy: 'success',
  watch: 'warning',
  at_risk: 'danger',
};

export const tierTag: Record<'strategic' | 'potential' | 'profit' | 'ordinary', TagVariant> = {
  strategic: 'success',
  potential: 'info',
  profit: 'warning',
  ordinary: 'default',
};
