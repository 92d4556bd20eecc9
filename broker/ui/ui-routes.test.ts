import { describe, expect, it } from 'vitest';
import { BASE, dig, pactDocument, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

/** The Accept header Chromium and Firefox send for a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const LATEST = '/pacts/provider/Bar/consumer/Foo/latest';

function resultsBody(success: boolean, providerVersion: string): Record<string, unknown> {
  return { success, providerApplicationVersion: providerVersion, verifiedBy: { implementation: 'Pact-Rust', version: '1.4.8' } };
}

/** The `<tr>` of one integration in the index. */
function rowOf(html: string, consumer: string, provider = 'Bar'): string {
  const row = html.split('<tr class="integration"').find((part) => part.startsWith(` data-consumer="${consumer}" data-provider="${provider}"`));
  if (row === undefined) throw new Error(`No row for ${consumer}/${provider} in:\n${html}`);
  return row.slice(0, row.indexOf('</tr>'));
}

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  async function page(path: string, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string | null; html: string }> {
    const response = await t.request('GET', path, { headers: { accept: BROWSER_ACCEPT, ...headers } });
    return { status: response.status, contentType: response.headers.get('content-type'), html: await response.text() };
  }

  async function publish(version: string, pact = pactDocument()): Promise<void> {
    const { status } = await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: version }, pact) });
    expect(status).toBe(200);
  }

  async function verify(success: boolean, providerVersion: string): Promise<void> {
    const { body } = await t.json('GET', LATEST);
    const href = dig(body, '_links', 'pb:publish-verification-results', 'href') as string;
    const { status } = await t.json('POST', href.slice(BASE.length), { body: resultsBody(success, providerVersion) });
    expect(status).toBe(201);
  }

  describe('GET / from a browser', () => {
    it('lists one row per integration with its latest pact, publication time and status', async () => {
      await publish('1');
      await publish('1', pactDocument('Zoo', 'Bar'));
      const { status, contentType, html } = await page('/');
      expect(status).toBe(200);
      expect(contentType).toMatch(/^text\/html/);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<table class="integrations">');
      expect(html.match(/<tr class="integration"/g)).toHaveLength(2);
      const row = rowOf(html, 'Foo');
      expect(row).toContain('<td class="consumer">Foo</td>');
      expect(row).toContain('<td class="provider">Bar</td>');
      expect(row).toContain(`<a class="pact-link" href="${BASE}${LATEST}"`);
      expect(row).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z" title="[^"]+">less than a minute ago<\/time>/);
      expect(row).toContain('not verified yet');
      expect(rowOf(html, 'Zoo')).toContain(`href="${BASE}/pacts/provider/Bar/consumer/Zoo/latest"`);
    });

    it('shows the status of the latest verification: success, failed, and changed since verified', async () => {
      await publish('1');
      await verify(true, '2.0.0');
      let row = rowOf((await page('/')).html, 'Foo');
      expect(row).toMatch(/<td class="status status-success" data-status="success" title="Successfully verified by Bar \(2.0.0\)">success<\/td>/);
      expect(row).toMatch(/<td class="verified"><time [^>]+>less than a minute ago<\/time> <span class="version">2.0.0<\/span><\/td>/);

      await verify(false, '2.0.1');
      row = rowOf((await page('/')).html, 'Foo');
      expect(row).toContain('data-status="failed"');
      expect(row).toContain('>failed</td>');
      expect(row).toContain('2.0.1');

      await verify(true, '2.0.2');
      await publish('2', pactDocument('Foo', 'Bar', ['a changed request']));
      row = rowOf((await page('/')).html, 'Foo');
      expect(row).toContain('data-status="changed"');
      expect(row).toContain('<span class="version">2</span>');
    });

    it('shows an empty table and how to publish when there are no pacts', async () => {
      const { html } = await page('/');
      expect(html).toContain('<table class="integrations">');
      expect(html).not.toContain('<tr class="integration"');
      expect(html).toContain('No pacts have been published yet');
    });

    it('builds every link from the forwarded prefix, as the HAL links are', async () => {
      await publish('1');
      const prefixed = `${BASE}/t/acme`;
      const { html } = await page('/', { 'x-forwarded-prefix': '/t/acme' });
      expect(rowOf(html, 'Foo')).toContain(`<a class="pact-link" href="${prefixed}${LATEST}"`);
      expect(html).toContain(`href="${prefixed}/?format=json"`);
      const pact = await page(LATEST, { 'x-forwarded-prefix': '/t/acme' });
      expect(pact.html).toContain(`<a class="json-link" href="${prefixed}${LATEST}?format=json"`);
      expect(pact.html).toContain(`href="${prefixed}/pacts/provider/Bar/consumer/Foo/version/1"`);
    });
  });

  // Team issue 16: under the platform, the header names the tenant and links back to its dashboard page.
  describe('the header under the platform', () => {
    it('names the tenant and links to the dashboard the gateway names', async () => {
      const headers = { 'x-pactsafs-tenant': 'acme', 'x-pactsafs-dashboard': 'http://localhost:8080/tenants/acme' };
      const { html } = await page('/', headers);
      expect(html).toContain('<span class="tenant">tenant <strong>acme</strong> · <a href="http://localhost:8080/tenants/acme">Platform dashboard</a></span>');
      await publish('1.0.0');
      expect((await page(LATEST, headers)).html).toContain('<a href="http://localhost:8080/tenants/acme">Platform dashboard</a>');
    });

    it('shows no tenant for a broker on its own, nor a link that is not http(s)', async () => {
      expect((await page('/')).html).not.toContain('class="tenant"');
      expect((await page('/', { 'x-pactsafs-tenant': 'acme', 'x-pactsafs-dashboard': 'javascript:alert(1)' })).html).not.toContain('class="tenant"');
    });
  });

  describe('GET / from API clients', () => {
    it('answers the HAL index as before to every Accept that is not a browser preferring HTML', async () => {
      const expected = await t.request('GET', '/').then((response) => response.text());
      const accepts = ['application/hal+json', 'application/json', '*/*', 'text/html, application/hal+json', 'text/html;q=0.5, application/json'];
      for (const accept of accepts) {
        const response = await t.request('GET', '/', { headers: { accept } });
        expect(response.headers.get('content-type'), accept).toBe('application/hal+json;charset=utf-8');
        expect(await response.text(), accept).toBe(expected);
      }
      const withoutAccept = await t.broker.fetch(new Request(`${BASE}/`));
      expect(await withoutAccept.text()).toBe(expected);
    });

    it('answers a browser the JSON with ?format=json, labelled application/json so that it is shown', async () => {
      const expected = JSON.parse(await t.request('GET', '/').then((response) => response.text())) as unknown;
      const { status, contentType, html } = await page('/?format=json');
      expect(status).toBe(200);
      expect(contentType).toBe('application/json;charset=utf-8');
      expect(JSON.parse(html)).toEqual(expected);
    });
  });
});
