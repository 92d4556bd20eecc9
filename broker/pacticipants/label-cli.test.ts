import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig, pactDocument, publishBody } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

// Issue 14, through the official CLI (which has no label command: labels are set over HTTP, as with the Ruby broker).
describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'], webhookPollIntervalMs: 20, scope: 'all' });
  const received: string[] = [];
  const target: Server = createServer((request, response) => {
    received.push(request.url ?? '');
    request.resume().on('end', () => response.writeHead(200).end());
  });
  beforeAll(async () => {
    await new Promise<void>((ready) => target.listen(0, '127.0.0.1', ready));
  });
  afterAll(async () => {
    await new Promise((done) => target.close(done));
  });

  async function label(pacticipant: string, name: string): Promise<void> {
    expect((await b.t.request('PUT', `/pacticipants/${pacticipant}/labels/${name}`, { body: '' })).status).toBe(201);
  }

  describe('labels and the official pact-broker CLI', () => {
    it('describe-pacticipant -o json shows the labels embedded in the pacticipant (pacticipant_decorator.rb)', async () => {
      expect((await b.cli('create-or-update-pacticipant', '--name', 'web')).code).toBe(0);
      await label('web', 'frontend');
      const described = await b.cliJson('describe-pacticipant', '--name', 'web');
      expect(dig(described, '_embedded', 'labels')).toEqual([
        { name: 'frontend', _links: { self: { title: 'Label', name: 'frontend', href: `${b.baseUrl}/pacticipants/web/labels/frontend` } } },
      ]);
    });

    it('a webhook made with create-webhook --consumer-label fires for a labelled consumer only, and links its consumers by label', async () => {
      await label('Mobile', 'frontend');
      const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook/\${pactbroker.consumerName}`;
      const created = await b.cli('create-webhook', url, '--request', 'POST', '--consumer-label', 'frontend', '--contract-published', '--description', 'frontend hook');
      expect(created.code).toBe(0);
      const uuid = (dig(JSON.parse(created.output.slice(created.output.indexOf('{'))), 'uuid') as string | undefined) ?? '';
      const webhook = await b.t.json('GET', `/webhooks/${uuid}`);
      expect(dig(webhook.body, 'consumer')).toEqual({ label: 'frontend' });
      const consumers = (dig(webhook.body, '_links', 'pb:consumers', 'href') as string).replace('http://broker.test', '');
      const listed = await b.t.json('GET', consumers);
      expect((dig(listed.body, '_embedded', 'pacticipants') as { name: string }[]).map((p) => p.name)).toEqual(['Mobile', 'web']);

      for (const consumer of ['Unlabelled', 'Mobile']) {
        expect((await b.t.json('POST', '/contracts/publish', { body: publishBody({}, pactDocument(consumer, 'Orders')) })).status).toBe(200);
      }
      for (let waited = 0; received.length === 0 && waited < 15_000; waited += 20) await sleep(20);
      // Give a wrongly triggered delivery for the unlabelled consumer the same chance to arrive.
      await sleep(200);
      expect(received).toEqual(['/hook/Mobile']);
    });
  });
});
