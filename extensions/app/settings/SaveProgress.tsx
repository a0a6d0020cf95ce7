import React from 'react';
import { Alert, ProgressBar } from '@hubspot/ui-extensions';
import type { SettingsProgressResponse } from './shared/generated/contract.js';
import type { I18n } from './shared/i18n.js';

/** Re-evaluation after a save: a progress bar while it runs, then done or failed. */
export const SaveProgress = ({
  i18n,
  progress,
}: {
  i18n: I18n;
  progress: SettingsProgressResponse;
}) => {
  if (progress.status === 'completed') {
    return (
      <Alert
        title={i18n.t('s.progress.completed', { total: progress.total })}
        variant="success"
        testId="progress-done"
      />
    );
  }
  if (progress.status === 'failed') {
    return (
      <Alert
        title={i18n.t('s.progress.failed', { error: progress.error ?? '' })}
        variant="danger"
        testId="progress-failed"
      />
    );
  }
  return (
    <ProgressBar
      title={i18n.t(progress.status === 'queued' ? 's.progress.queued' : 's.progress.running', {
        processed: progress.processed,
        total: progress.total,
      })}
      aria-label={i18n.t('s.progress.label')}
      value={progress.processed}
      maxValue={Math.max(1, progress.total)}
      showPercentage
      testId="progress"
    />
  );
};
