import express from 'express';
import type { AddressInfo } from 'node:net';
import { escapeHtml, createPreviewRouter, renderCardHtml } from '../../src/preview/index.js';
import { demoCards } from './harness.js';

const demo = demoCards();
const companyId = demo.storyCompanyId('decision_maker_left');

describe('HTML preview of the real cards', () => {
  it('renders the Key account card with score, tier and alerts', async () => {
    const data = demo.companyCard(companyId);
    if (data.status !== 'ok') throw new Error('not evaluated');
    const html = await renderCardHtml('key-account', data, {
      subtitle: data.company.name,
      objectId: companyId,
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('Account score');
    expect(html).toContain(data.evaluation.score.value.toFixed(1));
    expect(html).toContain('Strategic');
    expect(html).toContain('Decision maker left');
    expect(html).toContain('<svg'); // the health trend
    expect(html).toContain(escapeHtml(data.company.name));
    expect(html).not.toMatch(/data-component=/); // every component has a rule
  });

  it('escapes every value from data', async () => {
    const data = demo.companyCard(companyId);
    if (data.status !== 'ok') throw new Error('not evaluated');
    const evil = '<script>alert("x")</script> & Co';
    const members = data.evaluation.committee.members.map((m, i) =>
      i === 0 ? { ...m, name: evil } : m,
    );
    const html = await renderCardHtml(
      'buying-committee',
      {
        ...data,
        company: { ...data.company, name: evil },
        evaluation: { ...data.evaluation, committee: { ...data.evaluation.committee, members } },
      },
      { subtitle: evil },
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
  });

  it('renders in Chinese, and the other components', async () => {
    const zh = await renderCardHtml('key-account', demo.companyCard(companyId), {
      locale: 'zh-CN',
    });
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('客户得分');
    const portfolio = await renderCardHtml('portfolio', demo.portfolio());
    expect(portfolio).toContain('Lifecycle funnel');
    const contact = demo.evaluations.flatMap((e) => e.committee.members)[0];
    expect(await renderCardHtml('contact-role', demo.contactCard(contact.contactId))).toContain(
      escapeHtml(contact.name),
    );
  });

  it('serves /preview/company/:id from the data provider', async () => {
    const app = express();
    const asked: string[] = [];
    app.use(
      createPreviewRouter({
        companyData: (portalId, id) => {
          asked.push(`${portalId}/${id}`);
          return id === companyId ? demo.companyCard(id) : null;
        },
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await fetch(`${base}/preview/company/${companyId}?portalId=123&locale=zh-cn`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/text\/html/);
      expect(await ok.text()).toContain('决策者离职');
      expect((await fetch(`${base}/preview/company/999?portalId=123`)).status).toBe(404);
      expect((await fetch(`${base}/preview/company/abc?portalId=123`)).status).toBe(400);
      expect((await fetch(`${base}/preview/company/${companyId}`)).status).toBe(400);
      expect(asked).toEqual([`123/${companyId}`, '123/999']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
