/**
 * Issue 11's bad-input corpus against a real platform with its default settings (no admin token):
 * every input gets an answer (no 5xx, no socket closed without a status), each refusal is a 4xx,
 * and afterwards the victim tenant still runs with its data unchanged, no tenant was created, the
 * platform process is alive and the loopback listener received nothing. The figures it prints
 * (and writes to test/artifacts/hostile-inputs.json) are README's "Security" figures.
 */
import http from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../../shared/process-alive.js';
import { httpRequest } from '../../support/http-client.js';
import { pactBroker, writePactFile } from '../../support/pact-cli.js';
import { repoRoot, startPlatform, type StartedPlatform } from '../../support/platform-process.js';
import { hostileCorpus, meets, type Expected, type HostileCase } from './corpus.js';

interface Outcome {
  surface: string;
  name: string;
  expected: Expected;
  status: number | null;
  /** Whether the answer is what the case expects. */
  met: boolean;
}

describe('the bad-input corpus against a real platform (issue 11)', () => {
  let started: StartedPlatform;
  let port: number;
  let listener: http.Server;
  const listeners: http.Server[] = [];
  const received: string[] = [];
  const outcomes: Outcome[] = [];

  const createTenant = async (body: Record<string, unknown>) => {
    const created = await httpRequest(port, { method: 'POST', path: '/api/tenants', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(created.status, created.body).toBe(201);
  };
  const victimReads = async () => {
    const pacts = await httpRequest(port, { path: '/t/victim/pacts/provider/Orders/consumer/Web/latest' });
    const versions = await httpRequest(port, { path: '/t/victim/pacticipants/Web/versions' });
    return { pacts: `${pacts.status} ${pacts.body}`, versions: `${versions.status} ${versions.body}` };
  };

  beforeAll(async () => {
    // The same port on both loopback addresses, so every form of loopback has something to reach.
    listener = http.createServer((req, res) => {
      received.push(`${req.method} ${req.headers.host} ${req.url}`);
      res.end('reached');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    listeners.push(listener);
    const six = http.createServer((req, res) => {
      received.push(`${req.method} ${req.headers.host} ${req.url}`);
      res.end('reached');
    });
    await new Promise<void>((resolve, reject) => six.once('error', reject).listen((listener.address() as AddressInfo).port, '::1', resolve)).then(
      () => listeners.push(six),
      () => undefined, // a machine without IPv6 loopback: the IPv4 listener still counts every reach
    );
    started = await startPlatform();
    port = started.port;
    await createTenant({ name: 'victim' });
    await createTenant({ name: 'attacker', webhookSchemeWhitelist: ['http', 'https'] });
    await createTenant({ name: 'trusting', webhookSchemeWhitelist: ['http'], webhookHostWhitelist: ['127.0.0.1', 'localhost', '::1', '127.0.0.0/8'] });
    const pacts = path.join(started.dataDir, 'pacts');
    await writePactFile(pacts, 'Web', 'Orders');
    const published = await pactBroker(['publish', pacts, '--consumer-app-version', '1.0.0', '--branch', 'main', '-b', `http://127.0.0.1:${port}/t/victim`]);
    expect(published.code, published.stdout + published.stderr).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await started?.close();
    await Promise.all(listeners.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('answers every hostile input with a 4xx or a harmless answer, and nothing crosses a boundary', async () => {
    const before = await victimReads();
    const corpus: HostileCase[] = hostileCorpus({ port, attacker: 'attacker', trusting: 'trusting', victim: 'victim', listenerPort: (listener.address() as AddressInfo).port });
    for (const hostile of corpus) {
      const answer = await hostile.send().catch(() => ({ status: null, body: '' }));
      outcomes.push({ surface: hostile.surface, name: hostile.name, expected: hostile.expected, status: answer.status, met: meets(hostile.expected, answer) });
    }
    const summary = {
      inputs: outcomes.length,
      refused: outcomes.filter(({ status }) => status !== null && status >= 400 && status < 500).length,
      serverErrors: outcomes.filter(({ status }) => status !== null && status >= 500).length,
      unanswered: outcomes.filter(({ status }) => status === null).length,
      crashes: started.platform.pid !== undefined && isProcessAlive(started.platform.pid) ? 0 : 1,
      bySurface: Object.fromEntries([...new Set(outcomes.map(({ surface }) => surface))].map((surface) => [surface, outcomes.filter((outcome) => outcome.surface === surface).length])),
    };
    await mkdir(path.join(repoRoot, 'test/artifacts'), { recursive: true });
    await writeFile(path.join(repoRoot, 'test/artifacts/hostile-inputs.json'), JSON.stringify({ summary, outcomes }, null, 2));
    console.log(`bad-input corpus: ${JSON.stringify(summary)}`);

    expect(outcomes.filter(({ met }) => !met)).toEqual([]);
    expect(summary.crashes).toBe(0);
    expect(received).toEqual([]);
    const tenants = (await httpRequest(port, { path: '/api/tenants' })).json<{ tenants: { name: string; state: string }[] }>().tenants;
    expect(tenants.map(({ name, state }) => `${name} ${state}`)).toEqual(['attacker running', 'trusting running', 'victim running']);
    expect(await victimReads()).toEqual(before);
  }, 600_000);
});
