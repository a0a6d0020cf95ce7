import React, { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Flex, LoadingButton } from '@hubspot/ui-extensions';
import { newIdempotencyKey, type Api, type ApiFailure } from './shared/api.js';
import type {
  NamedRecord,
  Settings,
  SettingsIssue,
  SettingsPreviewOk,
  SettingsProgressResponse,
} from './shared/generated/contract.js';
import { defaultSettings } from './shared/generated/settings-schema.js';
import type { I18n } from './shared/i18n.js';
import { asFailure } from './shared/useResource.js';
import { errorsByField } from './issues.js';
import { PreviewPanel } from './PreviewPanel.js';
import { SaveProgress } from './SaveProgress.js';
import { SettingsForm } from './SettingsForm.js';
import { setIn } from './settings-fields.js';
import { validateSettings } from './validate.js';

type Preview =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ok'; preview: SettingsPreviewOk; stale: boolean };
type Save =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'progress'; progress: SettingsProgressResponse };

export interface EditorProps {
  initial: Settings;
  owners: readonly NamedRecord[];
  api: Api;
  i18n: I18n;
  /** Delay between progress polls. */
  pollMs: number;
}

const FailureAlert = ({ i18n, error }: { i18n: I18n; error: ApiFailure }) => (
  <Alert title={i18n.t(`ui.error.${error.kind}.title`)} variant="danger" testId="request-failed">
    {i18n.t(`ui.error.${error.kind}.body`)}
  </Alert>
);

/** The form with validation, the what-if preview, and save with re-evaluation progress. */
export const SettingsEditor = ({ initial, owners, api, i18n, pollMs }: EditorProps) => {
  const [settings, setSettings] = useState<Settings>(initial);
  const [serverIssues, setServerIssues] = useState<SettingsIssue[]>([]);
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const [save, setSave] = useState<Save>({ state: 'idle' });
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const clientIssues = useMemo(() => validateSettings(settings), [settings]);
  const errors = useMemo(
    () => errorsByField(clientIssues, serverIssues, i18n),
    [clientIssues, serverIssues, i18n],
  );
  const errorCount = Object.keys(errors).length;

  const change = (next: Settings) => {
    setSettings(next);
    setServerIssues([]);
    setPreview((p) => (p.state === 'ok' ? { ...p, stale: true } : p));
  };

  const runPreview = () => {
    setPreview({ state: 'loading' });
    setFailure(null);
    api.call('previewSettings', { body: settings }).then(
      (answer) => {
        if (answer.status === 'ok')
          return setPreview({ state: 'ok', preview: answer, stale: false });
        setPreview({ state: 'idle' });
        if (answer.status === 'invalid') setServerIssues(answer.issues);
        else setFailure(asFailure(new Error('not installed')));
      },
      (e: unknown) => {
        setPreview({ state: 'idle' });
        setFailure(asFailure(e));
      },
    );
  };

  const runSave = () => {
    setSave({ state: 'saving' });
    setFailure(null);
    api.call('saveSettings', { body: settings, idempotencyKey: newIdempotencyKey() }).then(
      (answer) => {
        if (answer.status === 'ok') {
          setSettings(answer.settings);
          setSave({
            state: 'progress',
            progress: {
              jobId: answer.jobId,
              status: 'queued',
              processed: 0,
              total: 0,
              error: null,
            },
          });
          return setJobId(answer.jobId);
        }
        setSave({ state: 'idle' });
        if (answer.status === 'invalid') setServerIssues(answer.issues);
        else setFailure(asFailure(new Error('not installed')));
      },
      (e: unknown) => {
        setSave({ state: 'idle' });
        setFailure(asFailure(e));
      },
    );
  };

  // Poll the re-evaluation until it completes or fails; stop when unmounted.
  useEffect(() => {
    if (jobId === null) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api.call('settingsProgress', { path: { jobId } }).then(
        (progress) => {
          if (cancelled) return;
          setSave({ state: 'progress', progress });
          if (progress.status === 'queued' || progress.status === 'running')
            timer = setTimeout(poll, pollMs);
        },
        (e: unknown) => {
          if (!cancelled) setFailure(asFailure(e));
        },
      );
    };
    poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, jobId, pollMs]);

  const busy =
    save.state === 'saving' ||
    (save.state === 'progress' && ['queued', 'running'].includes(save.progress.status));
  return (
    <Flex direction="column" gap="medium" testId="settings-editor">
      {errorCount > 0 ? (
        <Alert
          title={i18n.t('s.errorsSummary', { count: errorCount })}
          variant="warning"
          testId="errors-summary"
        />
      ) : null}
      {errors[''] ? <Alert title={errors['']} variant="danger" /> : null}
      {failure ? <FailureAlert i18n={i18n} error={failure} /> : null}
      <SettingsForm
        settings={settings}
        errors={errors}
        onChange={(path, value) => change(setIn(settings, path, value))}
        i18n={i18n}
        owners={owners}
      />
      {preview.state === 'ok' ? (
        <PreviewPanel i18n={i18n} preview={preview.preview} stale={preview.stale} />
      ) : null}
      {save.state === 'progress' ? <SaveProgress i18n={i18n} progress={save.progress} /> : null}
      <Flex direction="row" gap="small">
        <LoadingButton
          variant="secondary"
          loading={preview.state === 'loading'}
          disabled={errorCount > 0 || busy}
          onClick={runPreview}
          testId="preview-button"
        >
          {i18n.t('s.preview')}
        </LoadingButton>
        <LoadingButton
          variant="primary"
          loading={save.state === 'saving'}
          disabled={errorCount > 0 || busy}
          onClick={runSave}
          testId="save-button"
        >
          {i18n.t('s.save')}
        </LoadingButton>
        <Button
          variant="transparent"
          disabled={busy}
          onClick={() => change(defaultSettings)}
          testId="reset-button"
        >
          {i18n.t('s.resetDefaults')}
        </Button>
      </Flex>
    </Flex>
  );
};
