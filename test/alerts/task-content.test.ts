import {
  digestTaskText,
  optionsFor,
  respondTaskText,
  taskProperties,
  type ContentContext,
} from '../../src/alerts/task-content.js';

const ctx = (over: Partial<ContentContext> = {}): ContentContext => ({
  locale: 'en',
  timeZone: 'America/New_York',
  companyName: 'Acme <Corp>',
  level: 'red',
  reasons: [
    {
      code: 'decision_maker_left',
      level: 'red',
      params: { names: 'Dana Decider', count: 1, stillMapped: 0 },
      evidence: { contactIds: ['101'], dealIds: [], facts: {} },
    },
    {
      code: 'no_decision_maker',
      level: 'yellow',
      params: { rankPct: 5 },
      evidence: { contactIds: [], dealIds: [], facts: { rankPct: 5 } },
    },
  ],
  respondBy: new Date('2026-03-10T16:00:00Z'),
  planBy: new Date('2026-03-11T14:00:00Z'),
  key: 'kamabc123',
  ...over,
});

describe('task content', () => {
  it('a respond task names the alert, the evidence, the 3R deadlines, 2–3 options and the key', () => {
    const { subject, body } = respondTaskText(ctx());
    expect(subject).toBe('[KAM] Red alert: Decision maker left — Acme <Corp>');
    expect(body).toContain('Acme &lt;Corp&gt;');
    expect(body).toContain('A decision maker left the account: Dana Decider.');
    expect(body).toContain('Key account (top 5%) with no decision maker mapped.');
    expect(body).toContain('respond by 2026-03-10 12:00');
    expect(body).toContain('due by 2026-03-11 10:00');
    expect(body.match(/<li>/g)?.length).toBe(2 + optionsFor('decision_maker').length);
    expect(body).toContain('ROI and strategic value');
    expect(body).toContain('kamabc123');
  });

  it('renders in the portal language', () => {
    const { subject, body } = respondTaskText(ctx({ locale: 'zh-CN' }));
    expect(subject).toBe('[KAM] 红灯预警：核心决策者离职 — Acme <Corp>');
    expect(body).toContain('2026-03-10 12:00');
    expect(body).toContain('投资回报');
  });

  it('task properties follow the Tasks API', () => {
    const props = taskProperties({
      text: { subject: 's', body: 'b' },
      dueAt: new Date('2026-03-10T16:00:00Z'),
      level: 'yellow',
      ownerId: '42',
    });
    expect(props).toEqual({
      hs_task_subject: 's',
      hs_task_body: 'b',
      hs_timestamp: '2026-03-10T16:00:00.000Z',
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: 'MEDIUM',
      hs_task_type: 'TODO',
      hubspot_owner_id: '42',
    });
    expect(
      taskProperties({
        text: { subject: 's', body: 'b' },
        dueAt: new Date(0),
        level: 'red',
        ownerId: null,
      }),
    ).not.toHaveProperty('hubspot_owner_id');
  });

  it('a digest lists each overflow alert', () => {
    const { subject, body } = digestTaskText(
      { locale: 'en', timeZone: 'UTC', key: 'kamdigest' },
      '2026-03-10',
      10,
      [
        {
          companyName: 'A',
          code: 'budget_frozen',
          level: 'red',
          respondBy: new Date('2026-03-10T12:00:00Z'),
        },
        {
          companyName: 'B',
          code: 'satisfaction_low',
          level: 'yellow',
          respondBy: new Date('2026-03-10T12:00:00Z'),
        },
      ],
    );
    expect(subject).toContain('2 alerts');
    expect(body).toContain('A: Budget frozen (Red), respond by 2026-03-10 12:00');
    expect(body).toContain('kamdigest');
  });
});
