import { settingsSchema, defaultSettings } from '../../src/domain/settings.js';

describe('settings (spec §11 defaults)', () => {
  it('has the spec defaults', () => {
    expect(defaultSettings.score.weights).toEqual({ sales: 0.4, potential: 0.3, reference: 0.15, winnability: 0.15 });
    expect(defaultSettings.score.keyAccountSharePct).toBe(20);
    expect(defaultSettings.health.bands).toEqual({ healthy: 70, watch: 40 });
  });
  it('names the field and the rule when weights do not sum to 1', () => {
    const r = settingsSchema.safeParse({ score: { weights: { sales: 0.4, potential: 0.3, reference: 0.15, winnability: 0.1 } } });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('score.weights must sum to 1, got 0.95');
  });
});
