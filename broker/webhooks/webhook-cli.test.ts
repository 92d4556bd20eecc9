import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig, publishBody } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A listener on 127.0.0.1 that records what it receives and answers 200. */
async function startListener(): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { server, port: (server.address() as AddressInfo).port, received };
}

describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'], scope: 'all' });
  const open = useCliBroker(database, { webhookSchemeWhitelist: ['http'], scope: 'all' });
  let listener: Awaited<ReturnType<typeof startListener>>;
  beforeAll(async () => {
    listener = await startListener();
    const published = await b.t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '1.2.3', tags: ['main'] }) });
    expect(published.status).toBe(200);
  });
  afterAll(async () => {
    await new Promise((done) => listener.server.close(done));
  });

  describe('the official pact-broker CLI', () => {
    it('create-webhook stores method, headers, body, credentials, pacticipants and events', async () => {
      const url = `http://127.0.0.1:${listener.port}/hook?v=\${pactbroker.consumerVersionNumber}`;
      const { code, output } = await b.cli('create-webhook', url, '--request', 'POST', '--header', 'Content-Type: application/json', 'X-Api-Token: secret',
        '--data', '{"consumer":"${pactbroker.consumerName}"}', '--user', 'bob:pw', '--consumer', 'Foo', '--provider', 'Bar', '--contract-published', '--provider-verification-failed', '--description', 'CI hook');
      expect(output).toContain('"description":"CI hook"');
      expect(code).toBe(0);
      const list = await b.t.json('GET', '/webhooks');
      const href = (dig(list.body, '_links', 'pb:webhooks', 0, 'href') as string).replace('http://broker.test', '');
      expect((await b.t.json('GET', href)).body).toMatchObject({
        description: 'CI hook',
        consumer: { name: 'Foo' },
        provider: { name: 'Bar' },
        request: { method: 'POST', url, headers: { 'content-type': 'application/json', 'x-api-token': '**********' }, body: { consumer: '${pactbroker.consumerName}' }, username: 'bob', password: '**********' },
        events: [{ name: 'contract_published' }, { name: 'provider_verification_failed' }],
      });
    });

    it('create-or-update-webhook --uuid creates and then updates; test-webhook sends the rendered request; delete-webhook deletes', async () => {
      const uuid = 'cli-webhook-uuid-0001';
      const url = `http://127.0.0.1:${listener.port}/build/\${pactbroker.consumerName}`;
      const common = ['--request', 'POST', '--header', 'Content-Type: application/json', '--data', '{"version":"${pactbroker.consumerVersionNumber}","tags":"${pactbroker.consumerVersionTags}"}', '--consumer', 'Foo', '--contract-content-changed'];
      const created = await b.cli('create-or-update-webhook', url, '--uuid', uuid, ...common, '--description', 'first');
      expect(created.code).toBe(0);
      const updated = await b.cli('create-or-update-webhook', url, '--uuid', uuid, ...common, '--description', 'second');
      expect(updated.code).toBe(0);
      expect(dig((await b.t.json('GET', `/webhooks/${uuid}`)).body, 'description')).toBe('second');

      listener.received.length = 0;
      const tested = await b.cli('test-webhook', '--uuid', uuid);
      expect(tested.code).toBe(0);
      expect(tested.output).toContain(`Executing webhook at: ${b.baseUrl}/webhooks/${uuid}/execute`);
      expect(tested.output).toContain('"success":true');
      expect(tested.output).toContain('HTTP/1.1 200 OK');
      expect(listener.received).toEqual([
        expect.objectContaining({ method: 'POST', url: '/build/Foo', headers: expect.objectContaining({ 'content-type': 'application/json', 'user-agent': 'Pact Broker v2.120.0' }) }),
      ]);
      expect(JSON.parse(listener.received[0]?.body ?? '')).toEqual({ version: '1.2.3', tags: 'main' });

      const deleted = await b.cli('delete-webhook', '--uuid', uuid);
      expect(deleted.code).toBe(0);
      expect((await b.t.request('GET', `/webhooks/${uuid}`)).status).toBe(404);
    });

    // The Ruby broker's result and logs show its Net::HTTP request after sending: built headers (accept,
    // user-agent, the template's, authorization), then host and content-length; `url` is the request's
    // path; authorization and *token* headers read `**********` (domain/webhook_request.rb,
    // webhook_request_logger.rb, webhook_execution_result_decorator.rb; team issue 14, item 3).
    it('test-webhook shows the request as the Ruby broker logs it: headers in sending order, credentials redacted, url the path', async () => {
      const uuid = 'cli-webhook-uuid-0003';
      const url = `http://127.0.0.1:${listener.port}/hooks/pact?consumer=\${pactbroker.consumerName}`;
      const headers = ['--header', 'Content-Type: application/json', 'X-Api-Token: tok-123'];
      const created = await b.cli('create-or-update-webhook', url, '--uuid', uuid, '--request', 'POST', ...headers, '--user', 'bob:pw-456', '--data', '{"v":1}', '--contract-published');
      expect(created.code).toBe(0);
      const tested = await b.cli('test-webhook', '--uuid', uuid);
      expect(tested.code).toBe(0);
      // The CLI prints the result with its keys sorted: the headers' order is read from the logs, and from the API below.
      const result = JSON.parse(tested.output.slice(tested.output.indexOf('\n{'))) as { request: { headers: Record<string, string>; url: string }; logs: string };
      const host = `127.0.0.1:${listener.port}`;
      const shown = { accept: '*/*', 'user-agent': 'Pact Broker v2.120.0', 'content-type': 'application/json', 'x-api-token': '**********', authorization: '**********', host, 'content-length': '7' };
      expect(result.request.headers).toEqual(shown);
      expect(result.request.url).toBe('/hooks/pact?consumer=Foo');
      const executed = await b.t.json('POST', `/webhooks/${uuid}/execute`, { body: {} });
      expect(Object.entries(dig(executed.body, 'request', 'headers') as object)).toEqual(Object.entries(shown));
      const logged = result.logs.split('\n').map((line) => line.replace(/^\[[^\]]+\] \w+: /, ''));
      const start = logged.indexOf(`HTTP/1.1 POST http://${host}/hooks/pact?consumer=Foo`);
      expect(logged.slice(start + 1, start + 9)).toEqual([...Object.entries(shown).map(([name, value]) => `${name}: ${value}`), '{"v":1}']);
      expect(tested.output).not.toContain('tok-123');
      expect(tested.output).not.toContain(Buffer.from('bob:pw-456').toString('base64'));
    });

    it('test-webhook to 127.0.0.1 without a host whitelist is refused before connecting, with the reason in the logs', async () => {
      const uuid = 'cli-webhook-uuid-0002';
      const created = await open.cli('create-or-update-webhook', `http://127.0.0.1:${listener.port}/internal`, '--uuid', uuid, '--request', 'POST', '--contract-published');
      expect(created.code).toBe(0);
      listener.received.length = 0;
      const tested = await open.cli('test-webhook', '--uuid', uuid);
      expect(tested.output).toContain('"success":false');
      expect(tested.output).toContain('Webhook request to 127.0.0.1 refused: it resolves to 127.0.0.1, a loopback address.');
      expect(tested.output).toContain('For security purposes, the response details are not logged.');
      // Never connected: no send-time host header, as Net::HTTP sets it only when it sends (team issue 14, item 3).
      expect(tested.output).toContain('user-agent: Pact Broker v2.120.0');
      expect(tested.output).not.toContain('host: 127.0.0.1');
      expect(listener.received).toEqual([]);
    });
  });
});
