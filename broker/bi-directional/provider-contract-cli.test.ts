import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/index.js';
import { useCliBroker } from '../test-support/official-cli.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { bidiCli } from './test-fixtures/bidi-cli.js';
import { ordersDocument, ordersPact } from './test-fixtures/orders-fixtures.js';

/**
 * Bi-directional contract testing (issue 15) through the official commands: pacts published with
 * `pact-broker publish`, OpenAPI documents with `pactflow publish-provider-contract`, answers read
 * with `pact-broker can-i-deploy`. Web's pact reads `GET /orders/1` → {id, total (number), status}.
 */
describeOnEachDatabase((database) => {
  // The publish answers wait for their comparisons, so that the notices tell their outcome whatever the machine's speed.
  const broker = useCliBroker(database, { scope: 'all', crossContractWaitMs: Infinity });
  let cli: ReturnType<typeof bidiCli>;
  const publishPact = (version: string, pact: Record<string, unknown>) => cli.publishPact(version, pact);
  const publishContract = (version: string, document: string, selfVerification?: '--no-verification-success') => cli.publishContract(version, document, { selfVerification });
  const canIDeploy = (webVersion: string, ordersVersion: string) => cli.canIDeploy(webVersion, ordersVersion);

  beforeAll(async () => {
    cli = bidiCli(broker);
    await publishPact('1', ordersPact());
  });
  afterAll(() => rmSync(cli.dir, { recursive: true, force: true }));

  describe('a document that has what the consumer reads', () => {
    it('is published by the official command, which prints the notices', async () => {
      const { code, output } = await publishContract('1.0.0', ordersDocument());
      expect(code).toBe(0);
      expect(output).toContain('Provider contract successfully published for Orders version 1.0.0.');
      expect(output).toContain('Cross-contract comparison with Web version 1: compatible.');
      // The CLI prints this when the answer lacks what it deserializes (bidirectional.md).
      expect(output).not.toContain('Failed to process response notices');
    });

    it('lets can-i-deploy say yes', async () => {
      const { code, output } = await canIDeploy('1', '1.0.0');
      expect(output).toContain('Computer says yes');
      expect(code).toBe(0);
    });
  });

  it('without the endpoint the consumer calls, can-i-deploy says no and names the interaction and request', async () => {
    const published = await publishContract('2.0.0', ordersDocument({ path: '/customers/{id}' }));
    expect(published.output).toContain('Cross-contract comparison with Web version 1: incompatible.');
    const { code, output } = await canIDeploy('1', '2.0.0');
    expect(code).not.toBe(0);
    expect(output).toContain('Computer says no');
    expect(output).toContain("Interaction 'a request for an order': Path or method not defined in spec file: GET /orders/1");
  });

  it('when a field the consumer reads changes type, can-i-deploy says no and names the OpenAPI path and the field', async () => {
    await publishContract('3.0.0', ordersDocument({ fields: { id: 'integer', total: 'string', status: 'string' } }));
    const { code, output } = await canIDeploy('1', '3.0.0');
    expect(code).not.toBe(0);
    expect(output).toContain("Interaction 'a request for an order' (GET /orders/{id}): Response body is incompatible with the response body schema in the spec file: must be string at response.body.total");
  });

  it('a matching document whose self-verification failed does not count', async () => {
    const published = await publishContract('4.0.0', ordersDocument(), '--no-verification-success');
    expect(published.output).toContain('The self-verification of Orders version 4.0.0 failed');
    const { code, output } = await canIDeploy('1', '4.0.0');
    expect(code).not.toBe(0);
    expect(output).toContain('self-verification');
  });

  it('a pact published after the contract is compared when it is published', async () => {
    await publishPact('2', ordersPact('/orders/1/lines', 'a request for order lines'));
    const { code, output } = await canIDeploy('2', '1.0.0');
    expect(code).not.toBe(0);
    expect(output).toContain("Interaction 'a request for order lines': Path or method not defined in spec file: GET /orders/1/lines");
  });

  it('compares each pair of pact content and contract content once', async () => {
    await publishContract('5.0.0', ordersDocument()); // the same content as 1.0.0
    await publishPact('3', ordersPact()); // the same content as Web 1
    const db = openDatabase(broker.t.databaseUrl);
    const rows = await db.selectFrom('cross_contract_comparisons').select(['pact_version_id', 'contract_sha']).execute().finally(() => db.destroy());
    const pairs = rows.map((row) => `${row.pact_version_id}/${row.contract_sha}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    // Web 1's content met three contract contents; Web 2's only that of the head of main (4.0.0) and
    // of 1.0.0, which can-i-deploy asked about: the same content.
    expect(pairs).toHaveLength(4);
    expect((await canIDeploy('3', '5.0.0')).code).toBe(0);
  });

  it('queues provider_verification_published webhooks when a contract is published, as a verification does', async () => {
    // Port 9 on loopback (discard): the delivery fails at once and reaches nothing else.
    const webhook = { provider: { name: 'Orders' }, events: [{ name: 'provider_verification_published' }], request: { method: 'POST', url: 'https://127.0.0.1:9/verified' } };
    expect((await broker.t.json('POST', '/webhooks', { body: webhook })).status).toBe(201);
    await publishContract('8.0.0', ordersDocument());
    const db = openDatabase(broker.t.databaseUrl);
    const queued = await db.selectFrom('triggered_webhooks').select('event_name').execute().finally(() => db.destroy());
    expect(queued.map((row) => row.event_name)).toContain('provider_verification_published');
  });

  describe("PactFlow's resources over HTTP", () => {
    const encoded = Buffer.from(ordersDocument()).toString('base64');

    it('the legacy PUT creates (201), then replaces (200), the contract of the version in its URL', async () => {
      const body = { content: encoded, contractType: 'oas', contentType: 'application/yaml', verificationResults: { success: true, verifier: 'dredd' } };
      const created = await broker.t.json('PUT', '/contracts/provider/Orders/version/6.0.0', { body });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ _embedded: { version: { number: '6.0.0' } }, _links: { 'pf:provider-contract': { title: 'Provider contract' } } });
      expect((await broker.t.json('PUT', '/contracts/provider/Orders/version/6.0.0', { body })).status).toBe(200);
      expect((await canIDeploy('1', '6.0.0')).code).toBe(0);
    });

    it('refuses a body that is not an OpenAPI contract with 400 and the fields at fault', async () => {
      const body = { pacticipantVersionNumber: '7.0.0', contract: { content: Buffer.from('just text').toString('base64'), specification: 'pact', contentType: 'application/yaml' } };
      const { status, body: answer } = await broker.t.json('POST', '/provider-contracts/provider/Orders/publish', { body });
      expect(status).toBe(400);
      expect(answer).toMatchObject({
        errors: { 'contract.specification': ['must be oas (an OpenAPI document)'], 'contract.content': ['is not a valid OpenAPI document: it is not a YAML or JSON object'] },
      });
    });

    it('reads back the contract, its self-verification and each comparison with its mismatches', async () => {
      const root = '/contracts/bi-directional/provider/Orders/version/2.0.0';
      const contract = await broker.t.json('GET', `${root}/provider-contract`);
      expect(contract).toMatchObject({ status: 200, body: { content: ordersDocument({ path: '/customers/{id}' }), contractType: 'oas', contentType: 'application/yaml' } });
      const self = await broker.t.json('GET', `${root}/provider-contract-verification-results`);
      expect(self.body).toMatchObject({ success: true, verifier: 'schemathesis', content: 'schemathesis: 12 checks passed\n' });
      const results = await broker.t.json('GET', `${root}/cross-contract-verification-results`);
      // Only Web 1's pact: Web 2's was published once 2.0.0 was no longer the head of main, and nobody asked about the pair.
      expect(results.body).toMatchObject({ results: [{ consumerName: 'Web', success: false, mismatches: [{ code: 'request.path-or-method.unknown' }] }] });
      expect((await broker.t.json('GET', '/contracts/bi-directional/provider/Orders/version/no-such/provider-contract')).status).toBe(404);
    });

    describe("one consumer version with one provider version (PactFlow's …/provider/P/version/V/consumer/C/version/CV/)", () => {
      const pair = (providerVersion: string, consumerVersion: string, resource: string) =>
        broker.t.json('GET', `/contracts/bi-directional/provider/Orders/version/${providerVersion}/consumer/Web/version/${consumerVersion}/${resource}`);

      it('reads the comparison with its mismatches, the consumer contract and the provider contract', async () => {
        const cross = await pair('3.0.0', '1', 'cross-contract-verification-results');
        expect(cross).toMatchObject({ status: 200, body: { verificationStatus: 'failed', success: false, mismatches: [{ code: 'response.body.incompatible', interaction: 'a request for an order' }] } });
        expect(cross.body).toMatchObject({ _embedded: { providerVersion: { number: '3.0.0' }, consumerVersion: { number: '1' } }, _links: { 'pf:consumer-contract': { href: expect.stringMatching(/\/consumer\/Web\/version\/1\/consumer-contract$/) } } });
        const consumer = await pair('3.0.0', '1', 'consumer-contract');
        expect(consumer.body).toMatchObject({ verificationStatus: 'failed', contractType: 'pact', contentType: 'application/json' });
        expect(JSON.parse((consumer.body as { content: string }).content)).toMatchObject({ interactions: [{ description: 'a request for an order' }] });
        expect((await pair('1.0.0', '1', 'provider-contract')).body).toMatchObject({ verificationStatus: 'success', content: ordersDocument(), contractType: 'oas' });
        expect((await pair('4.0.0', '1', 'provider-contract-verification-results')).body).toMatchObject({ verificationStatus: 'failed', success: false, verifier: 'schemathesis' });
      });

      it('compares a pair never compared when it is read', async () => {
        // Web 2 came after 2.0.0 stopped being the head of main: nothing compared them yet.
        const cross = await pair('2.0.0', '2', 'cross-contract-verification-results');
        expect(cross.body).toMatchObject({ verificationStatus: 'failed', mismatches: [{ code: 'request.path-or-method.unknown' }] });
      });

      it('answers 404 for a consumer version without a pact', async () => {
        expect((await pair('1.0.0', 'no-such', 'consumer-contract')).status).toBe(404);
      });
    });

    it('links the resources from the provider version and from matrix rows a comparison verified', async () => {
      const version = await broker.t.json('GET', '/pacticipants/Orders/versions/3.0.0');
      expect(version.body).toMatchObject({ _links: { 'pf:provider-contract': { href: expect.stringMatching(/\/contracts\/bi-directional\/provider\/Orders\/version\/3\.0\.0\/provider-contract$/) } } });
      expect((await broker.t.json('GET', '/pacticipants/Web/versions/1')).body).not.toHaveProperty(['_links', 'pf:provider-contract']);
      const matrix = await broker.t.json('GET', '/matrix?q[][pacticipant]=Web&q[][version]=1&q[][pacticipant]=Orders&q[][version]=3.0.0&latestby=cvpv');
      expect(matrix.body).toMatchObject({
        matrix: [{ verificationResult: { _links: { 'pf:cross-contract-verification-results': { href: expect.stringMatching(/\/provider\/Orders\/version\/3\.0\.0\/consumer\/Web\/version\/1\/cross-contract-verification-results$/) } } } }],
      });
    });

    describe('pages for browsers', () => {
      const page = async (path: string) => (await broker.t.request('GET', path, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })).text();

      it("the home page's integration row links the provider's newest contract", async () => {
        const home = await page('/');
        expect(home).toMatch(/class="provider-contract-link" href="[^"]*\/contracts\/bi-directional\/provider\/Orders\/version\/6\.0\.0\/provider-contract"/);
      });

      it('a provider contract page shows the document, the self-verification and each comparison with its mismatches', async () => {
        const html = await page('/contracts/bi-directional/provider/Orders/version/3.0.0/provider-contract');
        expect(html).toContain('Provider contract of Orders version 3.0.0');
        expect(html).toContain('schemathesis: 12 checks passed');
        expect(html).toMatch(/<td class="interaction">a request for an order<\/td><td class="operation">GET \/orders\/\{id\}<\/td><td class="message">Response body is incompatible[^<]*must be string/);
        expect(html).toContain('openapi: 3.0.3');
        expect(await page('/contracts/bi-directional/provider/Orders/version/no-such/provider-contract')).toContain('has no provider contract');
      });
    });

    it('the index links pf:publish-provider-contract, templated with the provider', async () => {
      const { body } = await broker.t.json('GET', '/');
      expect(body).toMatchObject({ _links: { 'pf:publish-provider-contract': { href: expect.stringMatching(/\/provider-contracts\/provider\/\{provider\}\/publish$/), templated: true } } });
    });
  });
});
