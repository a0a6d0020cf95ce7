import {
  ApiFailure,
  createApi,
  failureOfStatus,
  newIdempotencyKey,
  urlFor,
} from '../../extensions/app/shared/api.js';
import { kamContextOf } from '../../extensions/app/shared/context.js';
import { createI18n, localeOf } from '../../extensions/app/shared/i18n.js';
import { endpoints, idempotentEndpoints } from '../../src/cards/contract.js';
import { fakeFetch, on, ok } from './harness.js';

describe('locale and context', () => {
  it.each([
    ['zh-cn', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-us', 'en'],
    ['de-de', 'en'],
    [undefined, 'en'],
    [null, 'en'],
  ])('%s → %s', (raw, locale) => expect(localeOf(raw)).toBe(locale));

  it('reads what it needs from any location context, defensively', () => {
    expect(
      kamContextOf({
        user: { locale: 'zh-cn' },
        portal: { id: 7, timezone: 'Asia/Shanghai' },
        crm: { objectId: 42 },
      }),
    ).toEqual({
      locale: 'zh-CN',
      objectId: '42',
      portalId: '7',
      timeZone: 'Asia/Shanghai',
    });
    expect(kamContextOf({ user: { language: 'zh' } }).locale).toBe('zh-CN');
    expect(kamContextOf(null)).toEqual({
      locale: 'en',
      objectId: null,
      portalId: null,
      timeZone: 'UTC',
    });
  });
});

describe('i18n', () => {
  it('renders UI labels and engine messages with locale number and date formats', () => {
    const en = createI18n({
      locale: 'en',
      texts: [
        { en: { 'x.a': 'Hi {n:int} on {d:date}' }, 'zh-CN': { 'x.a': '{n:int} 于 {d:date}' } },
      ],
      currency: 'USD',
    });
    expect(en.t('x.a', { n: 12345, d: '2026-03-01' })).toBe('Hi 12,345 on Mar 1, 2026');
    expect(en.t('alerts.title.budget_frozen')).toBe('Budget frozen');
    expect(en.t('nope.nope')).toBe('[nope.nope]');
    expect(en.score(72)).toBe('72.0');
    expect(en.money(1234.5)).toBe('$1,235');
    expect(en.pct(null)).toBe('—');
    const zh = createI18n({
      locale: 'zh-CN',
      texts: [
        { en: { 'x.a': 'Hi {n:int} on {d:date}' }, 'zh-CN': { 'x.a': '{n:int} 于 {d:date}' } },
      ],
      timeZone: 'Asia/Shanghai',
    });
    expect(zh.t('x.a', { n: 12345, d: '2026-03-01' })).toBe('12,345 于 2026年3月1日');
    expect(zh.dateTime('2026-03-01T00:30:00Z')).toBe('2026年3月1日 08:30');
    expect(zh.msg({ code: 'alerts.title.budget_frozen', params: {} })).toBe('预算冻结');
  });

  it('falls back to English for a label missing in Chinese, and survives an unknown time zone', () => {
    const zh = createI18n({
      locale: 'zh-CN',
      texts: [{ en: { 'x.only': 'English only' }, 'zh-CN': {} }],
      timeZone: 'Mars/Base',
    });
    expect(zh.t('x.only')).toBe('English only');
    expect(zh.dateTime('2026-03-01T00:30:00Z')).toContain('2026');
  });
});

describe('api', () => {
  it('builds URLs from the contract: encoded path params, query without empty values', () => {
    expect(urlFor('https://k.io', 'companyCard', { companyId: '1/2' })).toBe(
      'https://k.io/cards/company/1%2F2',
    );
    expect(urlFor('https://k.io', 'portfolio', {}, { owner: '5', segment: undefined })).toBe(
      'https://k.io/portfolio?owner=5',
    );
    expect(() => urlFor('https://k.io', 'settingsProgress')).toThrow(/jobId/);
    expect(Object.keys(endpoints)).toHaveLength(9);
    expect(idempotentEndpoints.every((e) => endpoints[e].method !== 'GET')).toBe(true);
  });

  it('maps HTTP failures to kinds that pick the error text', () => {
    expect([400, 401, 403, 404, 409, 422, 429, 500, 503].map(failureOfStatus)).toEqual([
      'bad_request',
      'unauthorized',
      'forbidden',
      'not_found',
      'conflict',
      'bad_request',
      'rate_limited',
      'server',
      'server',
    ]);
  });

  it('sends method, body and the idempotency key; reads the error message', async () => {
    const fake = fakeFetch(
      on('PATCH', '/cards/contact/9/committee', ok({ status: 'ok', member: {}, jobId: null })),
      on('PUT', '/settings', {
        status: 409,
        body: { error: { code: 'conflict', message: 'changed' } },
      }),
    );
    const api = createApi(fake.fetcher, 'https://kam.example.com');
    await api.call('updateCommittee', {
      path: { contactId: '9' },
      body: { companyId: '1', roles: [], stance: null },
      idempotencyKey: 'k1',
    });
    expect(fake.calls[0]).toEqual({
      url: 'https://kam.example.com/cards/contact/9/committee',
      method: 'PATCH',
      body: { companyId: '1', roles: [], stance: null },
      headers: { 'Idempotency-Key': 'k1' },
    });
    const failure = await api
      .call('saveSettings', { idempotencyKey: 'k2' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ kind: 'conflict', status: 409, message: 'changed' });
  });

  it('makes a new idempotency key per action', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
  });
});
