import { lastQuarterEnded } from '../../src/jobs/alert-schedules.js';
import { taskKey, taskOutboxKey, workflowRoot } from '../../src/alerts/keys.js';
import { v2Signature } from '../../src/workflow/signature.js';
import { createHash } from 'node:crypto';

describe('schedule periods', () => {
  it.each([
    ['2026-07-01T03:59:00Z', 'America/New_York', 1, '2026Q1', '2026-04-01T04:00:00.000Z'], // still June 30 in New York
    ['2026-07-01T04:00:00Z', 'America/New_York', 1, '2026Q2', '2026-07-01T04:00:00.000Z'],
    ['2026-06-30T16:00:00Z', 'Asia/Shanghai', 1, '2026Q2', '2026-06-30T16:00:00.000Z'],
    ['2026-07-02T12:00:00Z', 'UTC', 4, '2027Q1', '2026-07-01T00:00:00.000Z'], // fiscal year from April: Apr–Jun = FY2027 Q1
  ])('at %s in %s (fiscal start %d): last quarter %s ended %s', (now, tz, fiscal, label, ended) => {
    const q = lastQuarterEnded(new Date(now), tz, fiscal);
    expect(q.label).toBe(label);
    expect(q.endedAt.toISOString()).toBe(ended);
  });
});

describe('deterministic keys', () => {
  const ref = { companyId: '1001', root: 'revenue', generation: 2 };
  it('the same alert generation gives the same keys; another generation or portal other ones', () => {
    expect(taskOutboxKey(ref, 'respond')).toBe('task:1001:revenue:2:respond');
    expect(taskKey(7, ref, 'respond')).toBe(taskKey(7, ref, 'respond'));
    expect(taskKey(7, ref, 'respond')).toMatch(/^kam[0-9a-f]{24}$/);
    expect(taskKey(7, { ...ref, generation: 3 }, 'respond')).not.toBe(taskKey(7, ref, 'respond'));
    expect(taskKey(8, ref, 'respond')).not.toBe(taskKey(7, ref, 'respond'));
    expect(taskKey(7, ref, 'plan')).not.toBe(taskKey(7, ref, 'respond'));
  });
  it('workflow reasons match regardless of case and spacing', () => {
    expect(workflowRoot(' Renewal  AT risk ')).toBe(workflowRoot('renewal at risk'));
  });
  it('v2 signature is SHA-256 hex of secret + method + URL + body', () => {
    const expected = createHash('sha256')
      .update('secretPOSThttps://x.test/a?b=1{"a":1}')
      .digest('hex');
    expect(v2Signature('secret', 'post', 'https://x.test/a?b=1', '{"a":1}')).toBe(expected);
  });
});
