import React from 'react';
import {
  BarChart,
  EmptyState,
  ErrorState,
  LoadingSpinner,
  ProgressBar,
  Select,
  StatisticsItem,
  StatusTag,
} from '@hubspot/ui-extensions';
import { PageTitle } from '@hubspot/ui-extensions/pages';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { KamPages } from '../../extensions/app/pages/Pages.js';
import { portfolioResponseSchema } from '../../src/cards/contract.js';
import { demoCards, fakeFetch, fire, ok, renderLoaded, textOf, type Route } from './harness.js';

const demo = demoCards();

/** Serves GET /portfolio from the demo, honouring the owner and segment query. */
const portfolioRoute =
  (tweak: (body: ReturnType<typeof demo.portfolio>) => unknown = (b) => b): Route =>
  (path, call) => {
    if (call.method !== 'GET' || !path.startsWith('/portfolio')) return undefined;
    const query = new URLSearchParams(path.split('?')[1] ?? '');
    const body = demo.portfolio({
      owner: query.get('owner') ?? undefined,
      segment: query.get('segment') ?? undefined,
    });
    return ok(tweak(body));
  };

describe('Portfolio page (app home)', () => {
  it('shows reps with overload, tiers, the funnel with conversion, alerts with SLA compliance and health', async () => {
    const body = demo.portfolio();
    expect(portfolioResponseSchema.safeParse(body).success).toBe(true);
    if (body.status !== 'ok') throw new Error('no portfolio');
    // Lower the overload limit so at least one rep is flagged.
    const tweaked = {
      ...body,
      aggregates: {
        ...body.aggregates,
        maxKeyAccountsPerRep: 1,
        owners: body.aggregates.owners.map((o) => ({
          ...o,
          overloaded: o.ownerId !== null && o.keyAccounts > 1,
        })),
      },
    };
    const fake = fakeFetch(portfolioRoute(() => tweaked));
    const r = await renderLoaded('pages', <KamPages fetcher={fake.fetcher} />);
    expect(r.find(PageTitle).text).toBe('Key-account portfolio');
    expect(r.find(StatisticsItem, { label: 'Accounts' }).props.number).toBe(
      String(body.aggregates.overall.accounts),
    );
    expect(r.find(StatisticsItem, { label: 'Key accounts' }).props.number).toBe(
      String(body.aggregates.overall.keyAccounts),
    );
    const overloaded = tweaked.aggregates.owners.filter((o) => o.overloaded);
    expect(overloaded.length).toBeGreaterThan(0);
    expect(
      r.findAll(StatusTag, { variant: 'danger' }).filter((t) => t.text === 'Overloaded'),
    ).toHaveLength(overloaded.length);
    const text = textOf(r);
    for (const s of [
      'Accounts by tier',
      'Lifecycle funnel',
      'On to the next stage',
      'Open alerts',
      'Health distribution',
      'Strategic',
      'Major deals',
    ]) {
      expect(text).toContain(s);
    }
    expect(r.findAll(BarChart)).toHaveLength(3);
    expect(r.findByTestId(ProgressBar, 'sla').props.value).toBe(body.sla.compliancePct);
  });

  it('filters by owner and segment through the query', async () => {
    const fake = fakeFetch(portfolioRoute());
    const r = await renderLoaded('pages', <KamPages fetcher={fake.fetcher} />);
    const body = demo.portfolio();
    if (body.status !== 'ok') throw new Error('no portfolio');
    const owner = body.owners[0];
    fire(r.find(Select, { name: 'owner' }), 'onChange', owner.id);
    await r.waitFor(() =>
      expect(fake.calls.at(-1)?.url).toBe(`https://kam.example.com/portfolio?owner=${owner.id}`),
    );
    await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
    const filtered = demo.portfolio({ owner: owner.id });
    if (filtered.status !== 'ok') throw new Error('no portfolio');
    expect(r.find(StatisticsItem, { label: 'Accounts' }).props.number).toBe(
      String(filtered.aggregates.overall.accounts),
    );
    fire(r.find(Select, { name: 'segment' }), 'onChange', 'none');
    await r.waitFor(() =>
      expect(fake.calls.at(-1)?.url).toBe(
        `https://kam.example.com/portfolio?owner=${owner.id}&segment=none`,
      ),
    );
    await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
  });

  it('in Chinese', async () => {
    const r = await renderLoaded(
      'pages',
      <KamPages fetcher={fakeFetch(portfolioRoute()).fetcher} />,
      { locale: 'zh-CN' },
    );
    expect(r.find(PageTitle).text).toBe('大客户组合');
    const text = textOf(r);
    for (const s of ['生命周期漏斗', '健康度分布', '每位销售负责的大客户', '战略级'])
      expect(text).toContain(s);
    expect(text).not.toMatch(/\[(p|ui|alerts|summary|health|lifecycle)\./);
  });

  it('empty portfolio, not installed, error, loading', async () => {
    const body = demo.portfolio({ owner: 'nobody' });
    let r = await renderLoaded(
      'pages',
      <KamPages fetcher={fakeFetch(portfolioRoute(() => body)).fetcher} />,
    );
    expect(r.find(EmptyState).props.title).toBe('No accounts evaluated yet');
    r = await renderLoaded(
      'pages',
      <KamPages fetcher={fakeFetch(portfolioRoute(() => ({ status: 'not_installed' }))).fetcher} />,
    );
    expect(r.find(EmptyState).props.title).toBe('KAM for HubSpot is not connected');
    r = await renderLoaded(
      'pages',
      <KamPages fetcher={fakeFetch(() => 'network-error').fetcher} />,
    );
    expect(r.find(ErrorState).props.title).toBe('Cannot reach KAM for HubSpot');
    const pending = createRenderer('pages');
    pending.render(<KamPages fetcher={fakeFetch(() => 'pending').fetcher} />);
    expect(pending.maybeFind(LoadingSpinner)).not.toBeNull();
  });

  it('renders through the page router when HubSpot mounts it', () => {
    const r = createRenderer('pages');
    r.render(<KamPages />);
    expect(r.find(PageTitle).text).toBe('Key-account portfolio');
  });
});
