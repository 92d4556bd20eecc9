/**
 * Issue 11, defect 1, end to end: a tenant's broker (no host whitelist, http allowed) is asked to
 * test-run webhooks at a real loopback listener under every alias of 127.0.0.1, and the listener
 * receives nothing; the answer for a listening port and for a closed one is the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackListener } from '../test-support/loopback-listener.js';
import { useTestBroker } from '../test-support/test-broker.js';

/** Host forms that all connect to 127.0.0.1 (the URL parser turns the IPv4 ones into 127.0.0.1 itself). */
const LOOPBACK_ALIASES = [
  'http://[::ffff:127.0.0.1]',
  'http://[::ffff:7f00:1]',
  'http://[0:0:0:0:0:ffff:7f00:1]',
  'https://[::ffff:127.0.0.1]',
  'http://[::FFFF:127.0.0.1]',
  'http://2130706433',
  'http://0177.0.0.1',
  'http://0x7f.1',
  'http://127.1',
  'http://127.0.0.1',
  'http://0',
  'http://localhost',
];

describe('webhooks to loopback through the real broker', () => {
  const t = useTestBroker('sqlite', { webhookSchemeWhitelist: ['http', 'https'], scope: 'all' });
  const listener = new LoopbackListener('127.0.0.1');
  let closedPort: number;

  beforeAll(async () => {
    const closed = new LoopbackListener('127.0.0.1');
    closedPort = await closed.start();
    await closed.stop();
    await listener.start();
  });
  afterAll(() => listener.stop());

  /** `POST /webhooks/execute` (what `pact-broker test-webhook` sends) with the port written as PORT, so answers compare. */
  async function execute(origin: string, port: number): Promise<string> {
    const response = await t.json('POST', '/webhooks/execute', { body: { request: { method: 'POST', url: `${origin}:${port}/hook` } } });
    expect(response.status).toBe(200);
    return JSON.stringify(response.body).replace(/\[\d{4}-\d\d-\d\dT[\d:]+Z\]/g, '[TIME]').replace(new RegExp(`:${port}(?!\\d)`, 'g'), ':PORT');
  }

  it.each(LOOPBACK_ALIASES)('refuses %s before connecting, the same way whatever listens on the port', async (origin) => {
    const before = listener.connections;
    const listening = await execute(origin, listener.port);
    expect(JSON.parse(listening)).toMatchObject({ success: false });
    expect(listening).toMatch(/refused: it resolves to [^,]+, a (loopback|unspecified) address\./);
    expect(listening).toBe(await execute(origin, closedPort));
    expect(listener.connections).toBe(before);
  });
});
