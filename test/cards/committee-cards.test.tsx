import React from 'react';
import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  LoadingButton,
  LoadingSpinner,
  MultiSelect,
  Select,
  Tag,
  Tile,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { BuyingCommitteeCard } from '../../extensions/app/cards/BuyingCommitteeCard.js';
import { ContactRoleCard } from '../../extensions/app/cards/ContactRoleCard.js';
import {
  contactCardResponseSchema,
  committeeUpdateRequestSchema,
} from '../../src/cards/contract.js';
import { demoCards, fakeFetch, fire, on, ok, renderLoaded, setContext, textOf } from './harness.js';

const demo = demoCards();

/** The first demo company whose committee has this gap. */
function companyWithGap(code: string) {
  const e = demo.evaluations.find((ev) => ev.committee.gaps.some((g) => g.code === code));
  if (!e) throw new Error(`no demo company with ${code}`);
  return demo.companyCard(e.accountId);
}

async function renderCommittee(companyId: string, locale = 'en') {
  const fake = fakeFetch(on('GET', `/cards/company/${companyId}`, ok(demo.companyCard(companyId))));
  const r = await renderLoaded(
    'crm.record.sidebar',
    <BuyingCommitteeCard fetcher={fake.fetcher} />,
    { locale, objectId: companyId },
  );
  return { r, fake };
}

describe('Buying committee card', () => {
  it('shows roles filled and missing and each member with stance, ratings and last touch', async () => {
    const data = demo.companyCard(demo.storyCompanyId('healthy_strategic'));
    if (data.status !== 'ok') throw new Error('not evaluated');
    const { r } = await renderCommittee(data.company.id);
    const c = data.evaluation.committee;
    for (const m of c.members) {
      const tile = r.findByTestId(Tile, `member-${m.contactId}`).toString();
      expect(tile).toContain(m.name);
      expect(tile).toContain('Closeness');
      expect(tile).toContain('Last touch');
    }
    for (const role of c.rolesMissing) expect(r.findByTestId(Tag, `missing-${role}`)).toBeTruthy();
    expect(textOf(r)).toContain(`People (${c.members.length})`);
  });

  it.each([
    'committee.gap.no_decision_maker',
    'committee.gap.single_threaded',
    'committee.gap.opposing_decision_maker',
    'committee.gap.role_missing',
    'committee.gap.role_stale',
    'committee.gap.not_engaged',
  ])('shows the gap %s', async (code) => {
    const data = companyWithGap(code);
    if (data.status !== 'ok') throw new Error('not evaluated');
    const { r } = await renderCommittee(data.company.id);
    const alert = r.findByTestId(Alert, `gap-${code}`);
    expect(alert.props.title).not.toMatch(/^\[/);
    const serious = ['committee.gap.no_decision_maker', 'committee.gap.opposing_decision_maker'];
    expect(alert.props.variant).toBe(
      serious.includes(code)
        ? 'danger'
        : code.includes('single') || code.includes('not_engaged')
          ? 'warning'
          : 'info',
    );
  });

  it('edits a role and stance inline, writing back with an idempotency key', async () => {
    const data = demo.companyCard(demo.storyCompanyId('healthy_strategic'));
    if (data.status !== 'ok') throw new Error('not evaluated');
    const member = data.evaluation.committee.members[0];
    const fake = fakeFetch(
      on('GET', `/cards/company/${data.company.id}`, ok(data)),
      on('PATCH', `/cards/contact/${member.contactId}/committee`, (call) => {
        const body = committeeUpdateRequestSchema.parse(call.body);
        return ok({
          status: 'ok',
          member: { ...member, roles: body.roles, stance: body.stance },
          jobId: 'job-9',
        });
      }),
    );
    const r = await renderLoaded(
      'crm.record.sidebar',
      <BuyingCommitteeCard fetcher={fake.fetcher} />,
      { objectId: data.company.id },
    );
    r.findByTestId(Button, `edit-${member.contactId}`).trigger('onClick');
    await r.waitFor(() => expect(r.maybeFind(MultiSelect)).not.toBeNull());
    fire(r.find(MultiSelect), 'onChange', ['buyer', 'influencer']);
    fire(r.find(Select, { name: 'stance' }), 'onChange', 'opponent');
    r.findByTestId(LoadingButton, 'save-member').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(Alert, 'saved-notice')).not.toBeNull());
    const patch = fake.calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({
      companyId: data.company.id,
      roles: ['influencer', 'buyer'],
      stance: 'opponent',
    });
    expect(patch?.headers?.['Idempotency-Key']).toBeTruthy();
    const tile = r.findByTestId(Tile, `member-${member.contactId}`).toString();
    expect(tile).toContain('buyer');
    expect(tile).toContain('opponent');
  });

  it('shows a failed save next to the editor', async () => {
    const data = demo.companyCard(demo.storyCompanyId('healthy_strategic'));
    if (data.status !== 'ok') throw new Error('not evaluated');
    const member = data.evaluation.committee.members[0];
    const fake = fakeFetch(
      on('GET', `/cards/company/${data.company.id}`, ok(data)),
      on('PATCH', `/cards/contact/${member.contactId}/committee`, { status: 409, body: {} }),
    );
    const r = await renderLoaded(
      'crm.record.sidebar',
      <BuyingCommitteeCard fetcher={fake.fetcher} />,
      { objectId: data.company.id },
    );
    r.findByTestId(Button, `edit-${member.contactId}`).trigger('onClick');
    await r.waitFor(() => expect(r.maybeFind(MultiSelect)).not.toBeNull());
    r.findByTestId(LoadingButton, 'save-member').trigger('onClick');
    await r.waitFor(() =>
      expect(r.maybeFind(Alert, { title: 'Changed in the meantime' })).not.toBeNull(),
    );
  });

  it('speaks Chinese', async () => {
    const data = companyWithGap('committee.gap.no_decision_maker');
    if (data.status !== 'ok') throw new Error('not evaluated');
    const { r } = await renderCommittee(data.company.id, 'zh-CN');
    const text = textOf(r);
    expect(text).toContain('尚未识别决策者');
    expect(text).toContain('关系紧密度');
    expect(text).not.toMatch(/\[(bc|committee|ui)\./);
  });

  it('loading, not evaluated, not installed and errors', async () => {
    const pending = createRenderer('crm.record.sidebar');
    setContext(pending.mocks, { objectId: 5 });
    pending.render(<BuyingCommitteeCard fetcher={fakeFetch(() => 'pending').fetcher} />);
    expect(pending.maybeFind(LoadingSpinner)).not.toBeNull();

    const notEvaluated = fakeFetch(
      on(
        'GET',
        '/cards/company/5',
        ok({ status: 'not_evaluated', reevaluationQueued: false, appObjectsAvailable: true }),
      ),
    );
    let r = await renderLoaded(
      'crm.record.sidebar',
      <BuyingCommitteeCard fetcher={notEvaluated.fetcher} />,
      { objectId: 5 },
    );
    expect(r.find(EmptyState).props.title).toBe('Not evaluated yet');

    r = await renderLoaded(
      'crm.record.sidebar',
      <BuyingCommitteeCard
        fetcher={fakeFetch(on('GET', '/cards/company/5', ok({ status: 'not_installed' }))).fetcher}
      />,
      { objectId: 5 },
    );
    expect(r.find(EmptyState).props.title).toBe('KAM for HubSpot is not connected');

    r = await renderLoaded(
      'crm.record.sidebar',
      <BuyingCommitteeCard fetcher={fakeFetch(() => 'network-error').fetcher} />,
      { objectId: 5 },
    );
    expect(r.find(ErrorState).props.title).toBe('Cannot reach KAM for HubSpot');
  });
});

describe('Contact role card', () => {
  const decisionMaker = demo.evaluations
    .flatMap((e) => e.committee.members)
    .find((m) => m.roles.includes('decision_maker') && m.roles.length === 1);
  const influencer = demo.evaluations
    .flatMap((e) => e.committee.members)
    .find((m) => m.roles.includes('influencer'));
  const noRole = demo.evaluations
    .flatMap((e) => e.committee.members)
    .find((m) => m.roles.length === 0);

  it('shows the role, stance and what the role cares about (English)', async () => {
    if (!decisionMaker) throw new Error('no decision maker in the demo');
    const data = demo.contactCard(decisionMaker.contactId);
    expect(contactCardResponseSchema.safeParse(data).success).toBe(true);
    const fake = fakeFetch(on('GET', `/cards/contact/${decisionMaker.contactId}`, ok(data)));
    const r = await renderLoaded('crm.record.sidebar', <ContactRoleCard fetcher={fake.fetcher} />, {
      objectId: decisionMaker.contactId,
    });
    const text = textOf(r);
    expect(text).toContain(decisionMaker.name);
    expect(text).toContain('decision maker');
    expect(text).toContain('Cares about ROI and strategic value');
    expect(text).toContain('What this role cares about');
  });

  it('speaks Chinese, and explains an influencer', async () => {
    if (!influencer) throw new Error('no influencer in the demo');
    const fake = fakeFetch(
      on(
        'GET',
        `/cards/contact/${influencer.contactId}`,
        ok(demo.contactCard(influencer.contactId)),
      ),
    );
    const r = await renderLoaded('crm.record.sidebar', <ContactRoleCard fetcher={fake.fetcher} />, {
      locale: 'zh-TW',
      objectId: influencer.contactId,
    });
    const text = textOf(r);
    expect(text).toContain('该角色关注什么');
    expect(text).toContain('技术可行性');
    expect(text).not.toMatch(/\[(cr|bc|committee|ui)\./);
  });

  it('suggests setting a role when none is set', async () => {
    if (!noRole) return; // The demo always has unassigned people; guard keeps the test honest if it changes.
    const fake = fakeFetch(
      on('GET', `/cards/contact/${noRole.contactId}`, ok(demo.contactCard(noRole.contactId))),
    );
    const r = await renderLoaded('crm.record.sidebar', <ContactRoleCard fetcher={fake.fetcher} />, {
      objectId: noRole.contactId,
    });
    expect(textOf(r)).toContain('No buying role is set for this person');
  });

  it('no company, not evaluated, not installed, error', async () => {
    const cases: [unknown, string][] = [
      [{ status: 'no_company' }, 'No company'],
      [{ status: 'not_evaluated', company: { id: '1', name: 'Contoso' } }, 'Not evaluated yet'],
      [{ status: 'not_installed' }, 'KAM for HubSpot is not connected'],
    ];
    for (const [body, title] of cases) {
      const r = await renderLoaded(
        'crm.record.sidebar',
        <ContactRoleCard fetcher={fakeFetch(on('GET', '/cards/contact/9', ok(body))).fetcher} />,
        { objectId: 9 },
      );
      expect(r.find(EmptyState).props.title).toBe(title);
    }
    const r = await renderLoaded(
      'crm.record.sidebar',
      <ContactRoleCard fetcher={fakeFetch(() => ({ status: 500, body: {} })).fetcher} />,
      { objectId: 9 },
    );
    expect(r.find(ErrorState).props.title).toBe('Something went wrong on our side');
  });
});
