import React from 'react';
import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  LineChart,
  Link,
  LoadingButton,
  LoadingSpinner,
  StatisticsItem,
  StatusTag,
  Tag,
  Tile,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { KeyAccountCard } from '../../extensions/app/cards/KeyAccountCard.js';
import { catalog } from '../../src/domain/messages/index.js';
import { alertCodes } from '../../src/domain/settings.js';
import { companyCardResponseSchema } from '../../src/cards/contract.js';
import type { CompanyCardOk } from '../../src/preview/demo-data.js';
import {
  demoCards,
  fakeFetch,
  on,
  ok,
  renderLoaded,
  setContext,
  textOf,
  type Answer,
} from './harness.js';

const demo = demoCards();
const titles = catalog.en as Record<string, string>;
const titleOf = (code: string) => titles[`alerts.title.${code}`];

function okCard(story: string): CompanyCardOk {
  const answer = demo.companyCard(demo.storyCompanyId(story));
  if (answer.status !== 'ok') throw new Error(`${story} is not evaluated`);
  return answer;
}

async function renderCard(companyId: string, answer: Answer, locale = 'en-us') {
  const fake = fakeFetch(on('GET', `/cards/company/${companyId}`, answer));
  const r = await renderLoaded('crm.record.tab', <KeyAccountCard fetcher={fake.fetcher} />, {
    locale,
    objectId: companyId,
  });
  return { r, calls: fake.calls };
}

describe('Key account card', () => {
  it('shows a spinner while loading', () => {
    const { fetcher } = fakeFetch(() => 'pending');
    const r = createRenderer('crm.record.tab');
    setContext(r.mocks, { objectId: 1 });
    r.render(<KeyAccountCard fetcher={fetcher} />);
    expect(r.find(LoadingSpinner).props.label).toBe('Loading…');
  });

  it('shows the whole evaluation of a key account with a red alert (English)', async () => {
    const data = okCard('decision_maker_left');
    expect(companyCardResponseSchema.safeParse(data).success).toBe(true);
    const { r, calls } = await renderCard(data.company.id, ok(data));
    expect(calls).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: `https://kam.example.com/cards/company/${data.company.id}`,
      }),
    ]);
    const e = data.evaluation;
    expect(r.find(StatisticsItem, { label: 'Account score' }).props.number).toBe(
      e.score.value.toFixed(1),
    );
    expect(r.find(StatisticsItem, { label: 'Rank' }).props.number).toBe(
      `#${e.rank.position} of ${e.rank.of}`,
    );
    expect(r.findByTestId(Tag, 'key-status').text).toBe('Key account');
    const text = textOf(r);
    for (const expected of [
      'Strategic', // tier
      'Current contribution',
      'Strategic importance',
      'Major deals', // stage
      'Next control point',
      'Stage history',
      'Relationship', // health dimension
      'Decision maker left',
      'A decision maker left the account',
      'Respond by',
      'First plan by',
      'Score factors',
      'What moved the score',
      'Engagement cadence',
      'Purchase factors',
      'Account team',
      'Last evaluated',
    ]) {
      expect(text).toContain(expected);
    }
    // The alert links to its HubSpot task, and the trend chart plots the quarterly snapshots.
    expect(r.find(Link).props.href).toMatch(/^https:\/\/app\.hubspot\.com\/tasks\//);
    const chart = r.findByTestId(LineChart, 'health-trend');
    const quarters = new Set((chart.props.data as { quarter: string }[]).map((row) => row.quarter));
    expect(quarters.size).toBeGreaterThanOrEqual(e.state.quarterSnapshots.length);
  });

  it('speaks Simplified Chinese when the user locale is Chinese', async () => {
    const data = okCard('decision_maker_left');
    const { r } = await renderCard(data.company.id, ok(data), 'zh-cn');
    expect(r.find(StatisticsItem, { label: '客户得分' })).toBeTruthy();
    expect(r.findByTestId(Tag, 'key-status').text).toBe('大客户');
    const text = textOf(r);
    for (const expected of ['战略级', '决策者离职', '下一个控制点', '拜访节奏', '立即重新评估'])
      expect(text).toContain(expected);
    expect(text).not.toContain('Account score');
    expect(text).not.toMatch(/\[(alerts|ka|ui|common|summary)\./);
  });

  it('shows every alert reason the engine raises, with its text', async () => {
    // The fewest companies that together show every reason.
    const seen = new Set<string>();
    const picked = demo.evaluations.filter((e) => {
      const adds = e.alerts.open.some((a) => !seen.has(a.code));
      for (const a of e.alerts.open) seen.add(a.code);
      return adds;
    });
    seen.clear();
    for (const e of picked) {
      const data = demo.companyCard(e.accountId);
      const { r } = await renderCard(e.accountId, ok(data));
      expect(textOf(r)).not.toMatch(/\[(alerts|ka|ui)\./);
      for (const alert of e.alerts.open) {
        seen.add(alert.code);
        const tile = r.findByTestId(Tile, `alert-${alert.code}`);
        expect(tile.toString()).toContain(titleOf(alert.code));
        expect(tile.find(StatusTag).props.variant).toBe(
          { red: 'danger', yellow: 'warning', green: 'info' }[alert.level],
        );
      }
    }
    expect([...seen].sort()).toEqual([...alertCodes].sort());
  });

  it('explains a disqualified account and a first evaluation', async () => {
    const data = okCard('disqualified');
    const { r } = await renderCard(data.company.id, ok(data));
    expect(r.findByTestId(Tag, 'key-status').text).toBe('Not a key account');
    if (data.evaluation.rank.disqualifiers.length > 0)
      expect(r.findByTestId(Alert, 'disqualifiers').props.title).toBe('Disqualified');
    expect(textOf(r)).toContain('First evaluation: nothing to compare with yet.');
  });

  it('says when app objects are not approved yet', async () => {
    const data = { ...okCard('healthy_strategic'), appObjectsAvailable: false };
    const { r } = await renderCard(data.company.id, ok(data));
    expect(r.findByTestId(Alert, 'app-objects-note').props.title).toBe(
      'Reviews and alerts are kept in KAM only',
    );
  });

  it('never evaluated: explains and re-evaluates with an idempotency key', async () => {
    const fake = fakeFetch(
      on(
        'GET',
        '/cards/company/42',
        ok({ status: 'not_evaluated', reevaluationQueued: false, appObjectsAvailable: true }),
      ),
      on(
        'POST',
        '/cards/company/42/reevaluate',
        ok({ status: 'queued', jobId: 'j1', queuedAt: '2026-11-16T15:00:00Z' }),
      ),
    );
    const r = await renderLoaded('crm.record.tab', <KeyAccountCard fetcher={fake.fetcher} />, {
      objectId: 42,
    });
    expect(r.find(EmptyState).props.title).toBe('Not evaluated yet');
    r.findByTestId(LoadingButton, 'reevaluate-button').trigger('onClick');
    await r.waitFor(() => expect(textOf(r)).toContain('Re-evaluation queued'));
    const post = fake.calls.find((c) => c.method === 'POST');
    expect(post?.headers?.['Idempotency-Key']).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(r.findByTestId(LoadingButton, 'reevaluate-button').props.disabled).toBe(true);
  });

  it('not installed: tells an admin how to install', async () => {
    const { r } = await renderCard('7', ok({ status: 'not_installed' }));
    expect(r.find(EmptyState).props.title).toBe('KAM for HubSpot is not connected');
  });

  it.each([
    ['network-error' as const, 'Cannot reach KAM for HubSpot'],
    [
      { status: 500, body: { error: { code: 'internal', message: 'boom' } } },
      'Something went wrong on our side',
    ],
    [{ status: 403, body: {} }, 'You do not have access'],
    [{ status: 429, body: {} }, 'Too many requests'],
    [{ status: 200, body: [1, 2] }, 'Unexpected answer from KAM for HubSpot'],
  ])('fails with a state that says what to do (%p)', async (answer, title) => {
    const { r } = await renderCard('7', answer);
    expect(r.find(ErrorState).props.title).toBe(title);
  });

  it('retries after an error', async () => {
    const data = okCard('healthy_strategic');
    let n = 0;
    const fake = fakeFetch(
      on('GET', `/cards/company/${data.company.id}`, () =>
        n++ === 0 ? { status: 503, body: {} } : ok(data),
      ),
    );
    const r = await renderLoaded('crm.record.tab', <KeyAccountCard fetcher={fake.fetcher} />, {
      objectId: data.company.id,
    });
    expect(r.find(ErrorState).props.title).toBe('Something went wrong on our side');
    r.findByTestId(Button, 'retry').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFind(ErrorState)).toBeNull());
    await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
    expect(r.find(StatisticsItem, { label: 'Account score' })).toBeTruthy();
    expect(n).toBe(2);
  });
});
