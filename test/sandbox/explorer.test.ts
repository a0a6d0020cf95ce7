import { escapeHtml, html } from '../../src/sandbox/explorer/html.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';

describe('explorer', () => {
  let sb: RunningSandbox;
  beforeEach(async () => {
    sb = await startSandbox({
      webhooksFile: false,
      appMetaFile: false,
      seed: { source: 'fixture' },
    });
  });
  afterEach(() => sb.close());

  it('escapes every value', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;',
    );
    expect(html`<b>${'<i>'}</b>${html`<i>ok</i>`}`.value).toBe('<b>&lt;i&gt;</b><i>ok</i>');
  });

  it('lists companies, open tasks and recent calls, with hostile names escaped', async () => {
    const client = sb.client();
    await client.crm.companies.basicApi.create({
      properties: { name: '<img src=x onerror=alert(1)>' },
      associations: [],
    });
    const res = await fetch(`${sb.url}/?props=all`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('Northwind Traders');
    expect(page).toContain('Plan the next business review');
    expect(page).toContain('POST /crm/v3/objects/:objectType');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
