import { expect, it } from 'vitest';
import { openDatabase } from '../db/index.js';
import { generateSecretsKey, parseSecretsKey } from '../../shared/secrets-key.js';
import { LoopbackListener } from '../test-support/loopback-listener.js';
import { useSuiteResource } from '../test-support/suite-resource.js';
import { openBroker } from '../broker.js';
import { BASE, dig, publishBody, useTestBroker, type TestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { cgiEscape } from './template.js';
import { REDACTED_SECRET } from './webhook-secrets.js';

/**
 * Webhook secrets (team issue 14): `${user.NAME}` in URL, headers and body sends the real value to
 * the target; the webhook resource shows the template, and every execution log and result shows
 * `********` instead of the value.
 */
const KEY = parseSecretsKey(generateSecretsKey(), 'the test key');
/** Characters a URL escapes, so the query's escaped form must be redacted too. */
const VALUE = 's3cr3t value/+&=x';

function webhookBody(url: string, secret = 'TOKEN'): Record<string, unknown> {
  return {
    description: 'CI trigger',
    events: [{ name: 'contract_published' }],
    request: {
      method: 'POST',
      url: `${url}/hooks?key=\${user.${secret}}`,
      headers: { 'Content-Type': 'application/json', 'X-Ci-Key': `\${user.${secret}}` },
      body: { key: `\${user.${secret}}`, consumer: '${pactbroker.consumerName}' },
    },
  };
}

async function createWebhook(t: TestBroker, body: Record<string, unknown>): Promise<string> {
  const created = await t.json('POST', '/webhooks', { body });
  expect(created.status).toBe(201);
  return dig(created.body, 'uuid') as string;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

describeOnEachDatabase((kind) => {
  const t = useTestBroker(kind, { secretsKey: KEY, webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'], webhookPollIntervalMs: 20 });
  const listener = useSuiteResource(async () => {
    const started = new LoopbackListener('127.0.0.1');
    await started.start();
    return { listener: started, url: `http://127.0.0.1:${started.port}`, close: () => started.stop() };
  });

  it('sends the secret in URL, header and body, and shows only ******** in the result and its log', async () => {
    expect((await t.json('POST', '/secrets', { body: { name: 'TOKEN', value: VALUE } })).status).toBe(201);
    await t.json('POST', '/contracts/publish', { body: publishBody() });
    const uuid = await createWebhook(t, webhookBody(listener().url));
    const resource = await t.request('GET', `/webhooks/${uuid}`);
    const resourceText = await resource.text();
    expect(resourceText).toContain('${user.TOKEN}');
    expect(resourceText).not.toContain(VALUE);
    const sentBefore = listener().listener.received.length;

    const executed = await t.request('POST', `/webhooks/${uuid}/execute`);
    const text = await executed.text();
    const received = listener().listener.received.slice(sentBefore);
    expect(received.map((request) => request.headers['x-ci-key'])).toEqual([VALUE]);
    expect(JSON.parse(received[0]?.body ?? '{}')).toEqual({ key: VALUE, consumer: 'Foo' });
    expect(listener().listener.requests.at(-1)).toBe(`POST /hooks?key=${cgiEscape(VALUE)}`);

    const result = JSON.parse(text) as { success: boolean; logs: string; request: { headers: Record<string, string>; body: unknown; url: string } };
    expect(result.success).toBe(true);
    for (const shown of [text, result.logs]) {
      expect(shown).not.toContain(VALUE);
      expect(shown).not.toContain(cgiEscape(VALUE));
    }
    expect(result.logs).toContain(`x-ci-key: ${REDACTED_SECRET}`);
    expect(result.logs).toContain(`"key":"${REDACTED_SECRET}"`);
    expect(result.request.headers['x-ci-key']).toBe(REDACTED_SECRET);
    expect(result.request.body).toEqual({ key: REDACTED_SECRET, consumer: 'Foo' });
    expect(result.request.url).toContain(`key=${REDACTED_SECRET}`);
  });

  it('redacts the secret in the logs of a webhook a publication triggered', async () => {
    await t.json('POST', '/secrets', { body: { name: 'TOKEN', value: VALUE } });
    await createWebhook(t, webhookBody(listener().url));
    await t.json('POST', '/contracts/publish', { body: publishBody() });
    const logs = await waitFor('the triggered webhook to run', () => executionLogs(t));
    expect(listener().listener.received[0]?.headers['x-ci-key']).toBe(VALUE);
    expect(logs).toContain('Successfully executed webhook');
    expect(logs).toContain(`x-ci-key: ${REDACTED_SECRET}`);
    expect(logs).not.toContain(VALUE);
    expect(logs).not.toContain(cgiEscape(VALUE));
  });

  it('does not send a webhook that uses an unknown secret, and its log says which', async () => {
    const uuid = await createWebhook(t, webhookBody(listener().url, 'NOPE'));
    const result = (await t.json('POST', `/webhooks/${uuid}/execute`)).body as { success: boolean; logs: string };
    expect(result.success).toBe(false);
    expect(result.logs).toContain('ERROR: Webhook not sent: it uses ${user.NOPE}, and this broker has no secret named NOPE (see /secrets).');
    expect(listener().listener.connections).toBe(0);
  });

  it('does not send a webhook whose secret was encrypted with another key (a backup from another platform), and says so', async () => {
    await t.json('POST', '/secrets', { body: { name: 'TOKEN', value: VALUE } });
    const uuid = await createWebhook(t, webhookBody(listener().url));
    const otherKey = parseSecretsKey(generateSecretsKey(), 'another key');
    const other = await openBroker({ databaseUrl: t.databaseUrl, secretsKey: otherKey, webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'], webhookDelivery: false });
    try {
      const answer = await other.fetch(new Request(`${BASE}/webhooks/${uuid}/execute`, { method: 'POST', headers: { accept: 'application/hal+json' } }));
      const result = (await answer.json()) as { success: boolean; logs: string };
      expect(result.success).toBe(false);
      expect(result.logs).toContain('ERROR: Webhook not sent: The secret TOKEN cannot be decrypted: it was encrypted with another secrets key (restored from another platform?).');
      expect(listener().listener.connections).toBe(0);
    } finally {
      await other.close();
    }
  });
});

/** The logs of the broker's first triggered webhook, read at `/triggered-webhooks/{uuid}/logs` once it ran. */
async function executionLogs(t: TestBroker): Promise<string | undefined> {
  const db = openDatabase(t.databaseUrl);
  try {
    const triggered = await db.selectFrom('triggered_webhooks').select('uuid').where('attempts', '>', 0).executeTakeFirst();
    if (!triggered) return undefined;
    const logs = await (await t.request('GET', `/triggered-webhooks/${triggered.uuid}/logs`, { headers: { accept: 'text/plain' } })).text();
    return logs.includes('Successfully executed webhook') || logs.includes('Retrying') ? logs : undefined;
  } finally {
    await db.destroy();
  }
}
