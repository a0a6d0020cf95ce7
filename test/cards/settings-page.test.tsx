import React from 'react';
import {
  Alert,
  Button,
  ErrorState,
  EmptyState,
  Flex,
  Input,
  LoadingButton,
  MultiSelect,
  LoadingSpinner,
  NumberInput,
  ProgressBar,
  Select,
  Tab,
  Tile,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { SettingsPage } from '../../extensions/app/settings/SettingsPage.js';
import { allFields } from '../../extensions/app/settings/settings-fields.js';
import { settingsSchema, defaultSettings } from '../../src/domain/settings.js';
import { fakeFetch, fire, on, ok, renderLoaded, textOf, type Route } from './harness.js';

const owners = [
  { id: '11', name: 'Avery Hughes' },
  { id: '12', name: 'Jordan Zhou' },
];
const getSettings = on(
  'GET',
  '/settings',
  ok({ status: 'ok', settings: defaultSettings, updatedAt: null, owners }),
);
const preview = {
  status: 'ok',
  accounts: 80,
  keyAccounts: { before: 16, after: 20 },
  entering: { total: 4, items: [{ accountId: '1', name: 'Contoso Ltd.', rankPct: 21 }] },
  leaving: { total: 0, items: [] },
  tierMoves: {
    total: 2,
    items: [{ accountId: '2', name: 'Fabrikam Inc.', from: 'profit', to: 'strategic' }],
  },
  alertCountChanges: {
    red: { before: 3, after: 3 },
    yellow: { before: 10, after: 14 },
    green: { before: 1, after: 1 },
  },
};

async function renderPage(locale: string, ...routes: Route[]) {
  const fake = fakeFetch(getSettings, ...routes);
  const r = await renderLoaded('settings', <SettingsPage fetcher={fake.fetcher} pollMs={1} />, {
    locale,
  });
  return { r, fake };
}

describe('Settings page', () => {
  it('shows every setting of settingsSchema, in tabs, with its default', async () => {
    const { r } = await renderPage('en');
    expect(r.findAll(Tab).map((t) => t.props.tabId)).toEqual([
      'general',
      'score',
      'tier',
      'lifecycle',
      'health',
      'alerts',
      'cadence',
      'committee',
      'portfolio',
      'mapping',
    ]);
    const componentOf = {
      number: NumberInput,
      integer: NumberInput,
      toggle: Flex,
      select: Select,
      owner: Select,
      multiselect: MultiSelect,
      owners: MultiSelect,
      text: Input,
      roleMap: Flex,
    } as const;
    const fields = allFields();
    // Every leaf of the defaults (the role map counts as one) has exactly one field.
    const leaves = (v: unknown, path: string[]): string[] =>
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      path.join('.') !== 'mapping.buyingRoleFallback'
        ? Object.entries(v).flatMap(([k, c]) => leaves(c, [...path, k]))
        : [path.join('.')];
    expect(fields.map((f) => f.path.join('.')).sort()).toEqual(leaves(defaultSettings, []).sort());
    for (const field of fields) {
      const element = r.findByTestId(
        componentOf[field.field] as typeof Flex,
        `field-${field.path.join('.')}`,
      );
      expect(element.toString()).not.toMatch(/\[s\./);
    }
    const share = r.find(NumberInput, { name: 'score.keyAccountSharePct' });
    expect(share.props.value).toBe(20);
    expect(share.props.description).toBe('Default: 20');
    expect(
      r.find(Select, { name: 'alerts.fallbackOwnerId' }).props.options.map((o) => o.label),
    ).toContain('Avery Hughes');
    expect(textOf(r)).not.toMatch(/\[s\./);
  });

  it('validates next to the field and blocks preview and save', async () => {
    const { r } = await renderPage('en');
    fire(r.find(NumberInput, { name: 'score.keyAccountSharePct' }), 'onChange', 0);
    await r.waitFor(() =>
      expect(r.find(NumberInput, { name: 'score.keyAccountSharePct' }).props.error).toBe(true),
    );
    expect(r.find(NumberInput, { name: 'score.keyAccountSharePct' }).props.validationMessage).toBe(
      'Must be more than 0.',
    );
    expect(r.findByTestId(Alert, 'errors-summary').props.title).toContain('1 setting(s)');
    expect(r.findByTestId(LoadingButton, 'save-button').props.disabled).toBe(true);
    expect(r.find(Tab, { tabId: 'score' }).props.title).toBe('Score (1)');
  });

  it('checks the cross-field rules: weights sum to 1, bands in order', async () => {
    const { r } = await renderPage('en');
    fire(r.find(NumberInput, { name: 'score.weights.sales' }), 'onChange', 0.5);
    fire(r.find(NumberInput, { name: 'health.bands.watch' }), 'onChange', 75);
    await r.waitFor(() =>
      expect(r.maybeFindByTestId(Alert, 'group-error-score.weights')).not.toBeNull(),
    );
    expect(r.findByTestId(Alert, 'group-error-score.weights').props.title).toBe(
      'These must sum to 1; now they sum to 1.1.',
    );
    expect(r.findByTestId(Alert, 'group-error-health.bands').props.title).toBe(
      'Must be below 70; now 75.',
    );
  });

  it('in Chinese', async () => {
    const { r } = await renderPage('zh-CN');
    fire(r.find(NumberInput, { name: 'alerts.respondHours' }), 'onChange', -1);
    await r.waitFor(() =>
      expect(r.find(NumberInput, { name: 'alerts.respondHours' }).props.validationMessage).toBe(
        '必须大于 0。',
      ),
    );
    const text = textOf(r);
    expect(text).toContain('KAM for HubSpot 设置');
    expect(text).toContain('响应时限（小时）');
    expect(text).not.toMatch(/\[s\./);
  });

  it('previews the effect of the candidate settings before saving', async () => {
    const { r, fake } = await renderPage('en', on('POST', '/settings/preview', ok(preview)));
    fire(r.find(NumberInput, { name: 'score.keyAccountSharePct' }), 'onChange', 25);
    r.findByTestId(LoadingButton, 'preview-button').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(Tile, 'preview')).not.toBeNull());
    const body = fake.calls.find((c) => c.method === 'POST')?.body;
    expect(settingsSchema.parse(body).score.keyAccountSharePct).toBe(25);
    const text = r.findByTestId(Tile, 'preview').toString();
    for (const s of [
      'Key accounts: 16 → 20',
      'Contoso Ltd. (top 21%)',
      '3 more not shown.',
      'Fabrikam Inc.: Profit → Strategic',
      'Yellow: 10 → 14',
    ]) {
      expect(text).toContain(s);
    }
    // A later change marks the preview as stale.
    fire(r.find(NumberInput, { name: 'score.keyAccountSharePct' }), 'onChange', 30);
    await r.waitFor(() => expect(textOf(r)).toContain('Settings changed since this preview'));
  });

  it('shows server-side issues next to their field', async () => {
    const invalid = {
      status: 'invalid',
      issues: [{ path: ['score', 'segmentField'], message: 'Unknown company property "regionx"' }],
    };
    const { r } = await renderPage('en', on('POST', '/settings/preview', ok(invalid)));
    r.findByTestId(LoadingButton, 'preview-button').trigger('onClick');
    await r.waitFor(() =>
      expect(r.find(Input, { name: 'score.segmentField' }).props.validationMessage).toBe(
        'Unknown company property "regionx"',
      ),
    );
  });

  it('saves with an idempotency key and shows the re-evaluation progress until done', async () => {
    let polls = 0;
    const { r, fake } = await renderPage(
      'en',
      on('PUT', '/settings', (call) =>
        ok({ status: 'ok', settings: settingsSchema.parse(call.body), jobId: 'job-1' }),
      ),
      on('GET', '/settings/progress/job-1', () =>
        ok(
          polls++ === 0
            ? { jobId: 'job-1', status: 'running', processed: 40, total: 80, error: null }
            : { jobId: 'job-1', status: 'completed', processed: 80, total: 80, error: null },
        ),
      ),
    );
    r.findByTestId(LoadingButton, 'save-button').trigger('onClick');
    await r.waitFor(() =>
      expect(
        r.maybeFindByTestId(ProgressBar, 'progress') ?? r.maybeFindByTestId(Alert, 'progress-done'),
      ).not.toBeNull(),
    );
    await r.waitFor(() => expect(r.maybeFindByTestId(Alert, 'progress-done')).not.toBeNull());
    expect(r.findByTestId(Alert, 'progress-done').props.title).toBe(
      'Saved. All 80 accounts were re-evaluated with the new settings.',
    );
    expect(fake.calls.find((c) => c.method === 'PUT')?.headers?.['Idempotency-Key']).toBeTruthy();
    expect(polls).toBe(2);
  });

  it('shows a running re-evaluation as a progress bar', async () => {
    const { r } = await renderPage(
      'en',
      on('PUT', '/settings', ok({ status: 'ok', settings: defaultSettings, jobId: 'job-2' })),
      on('GET', '/settings/progress/job-2', () => 'pending'),
    );
    r.findByTestId(LoadingButton, 'save-button').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(ProgressBar, 'progress')).not.toBeNull());
    expect(r.findByTestId(ProgressBar, 'progress').props.title).toBe('Re-evaluation queued…');
    expect(r.findByTestId(LoadingButton, 'save-button').props.disabled).toBe(true);
  });

  it('resets to the defaults', async () => {
    const { r } = await renderPage('en');
    fire(r.find(NumberInput, { name: 'tier.contributionCut' }), 'onChange', 60);
    await r.waitFor(() =>
      expect(r.find(NumberInput, { name: 'tier.contributionCut' }).props.value).toBe(60),
    );
    r.findByTestId(Button, 'reset-button').trigger('onClick');
    await r.waitFor(() =>
      expect(r.find(NumberInput, { name: 'tier.contributionCut' }).props.value).toBe(50),
    );
  });

  it('loading, not installed, error', async () => {
    const pending = createRenderer('settings');
    pending.render(<SettingsPage fetcher={fakeFetch(() => 'pending').fetcher} />);
    expect(pending.maybeFind(LoadingSpinner)).not.toBeNull();
    let r = await renderLoaded(
      'settings',
      <SettingsPage
        fetcher={fakeFetch(on('GET', '/settings', ok({ status: 'not_installed' }))).fetcher}
      />,
    );
    expect(r.find(EmptyState).props.title).toBe('KAM for HubSpot is not connected');
    r = await renderLoaded(
      'settings',
      <SettingsPage fetcher={fakeFetch(() => ({ status: 401, body: {} })).fetcher} />,
    );
    expect(r.find(ErrorState).props.title).toBe('Your session could not be verified');
  });
});
