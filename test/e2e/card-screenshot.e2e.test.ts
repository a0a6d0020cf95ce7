import express from 'express';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildDemoCards, createPreviewRouter } from '../../src/preview/index.js';

/**
 * The Key account card of an engine-evaluated demo company, served by the
 * preview router and opened in headless Chromium: key text must be visible,
 * and the screenshot becomes docs/img/key-account-card.png.
 */

const root = path.resolve(__dirname, '../..');
const imgDir = path.join(root, 'docs/img');
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const demo = buildDemoCards({ companies: 80 });
const companyId = demo.storyCompanyId('decision_maker_left');
let server: ReturnType<express.Express['listen']>;
let base: string;
let browser: Browser;

beforeAll(async () => {
  const app = express();
  app.use(createPreviewRouter({ companyData: (_portalId, id) => demo.companyCard(id) }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  mkdirSync(imgDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('card preview in a real browser', () => {
  it('shows the Key account card with score, tier, health trend and the red alert', async () => {
    const page = await browser.newPage({
      viewport: { width: 1160, height: 900 },
      deviceScaleFactor: 1,
    });
    await page.goto(`${base}/preview/company/${companyId}?portalId=${demo.portalId}`);
    const data = demo.companyCard(companyId);
    if (data.status !== 'ok') throw new Error('demo company not evaluated');
    for (const text of [
      'Account score',
      data.evaluation.score.value.toFixed(1),
      'Key account',
      'Decision maker left',
      'Health by quarter',
      'Re-evaluate now',
    ]) {
      await expect(page.getByText(text, { exact: false }).first().isVisible()).resolves.toBe(true);
    }
    await expect(page.locator('svg polyline').count()).resolves.toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: path.join(imgDir, 'key-account-card.png'), fullPage: true });
    await page.close();
  });

  it('shows the Buying committee sidebar card with its gaps', async () => {
    // The demo company whose committee shows the most kinds of gap.
    const kinds = (e: (typeof demo.evaluations)[number]) =>
      new Set(e.committee.gaps.map((g) => g.code)).size;
    const company = [...demo.evaluations].sort((a, b) => kinds(b) - kinds(a))[0];
    const page = await browser.newPage({
      viewport: { width: 440, height: 900 },
      deviceScaleFactor: 1,
    });
    await page.goto(
      `${base}/preview/company/${company.accountId}?portalId=${demo.portalId}&card=committee`,
    );
    for (const text of [
      'Roles',
      'Gaps',
      'Edit role',
      company.committee.members[0]?.name ?? 'People',
    ]) {
      await expect(page.getByText(text, { exact: false }).first().isVisible()).resolves.toBe(true);
    }
    await page.screenshot({ path: path.join(imgDir, 'buying-committee-card.png'), fullPage: true });
    await page.close();
  });

  it('shows the Key account card in Simplified Chinese', async () => {
    // Text only: a screenshot would need CJK fonts on the machine.
    const page = await browser.newPage({ viewport: { width: 1160, height: 900 } });
    await page.goto(`${base}/preview/company/${companyId}?portalId=${demo.portalId}&locale=zh-CN`);
    for (const text of ['客户得分', '决策者离职', '各季度健康度', '立即重新评估']) {
      await expect(page.getByText(text, { exact: false }).first().isVisible()).resolves.toBe(true);
    }
    await page.close();
  });
});
