/**
 * Webhook delivery latency: from the answer to POST /contracts/publish (a changed pact, through the
 * gateway) to the request arriving at a listener on 127.0.0.1 (median of 20, embedded tenant).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpRequest, median, report, startPlatform } from './support.js';

const RUNS = 20;
const arrivals = new Map<string, number>();
const listener = http.createServer((req, res) => {
  req.resume();
  arrivals.set(req.url ?? '', performance.now());
  res.writeHead(200).end();
});
await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
const listenerPort = (listener.address() as AddressInfo).port;
const { port, close } = await startPlatform({ PACTSAFS_LOG_LEVEL: 'warn' });
const host = `bench.localhost:${port}`;
const json = { 'Content-Type': 'application/json' };
const pactFor = (run: number) => ({
  consumer: { name: 'Web' },
  provider: { name: 'Orders' },
  interactions: [{ description: `request ${run}`, request: { method: 'GET', path: `/things/${run}` }, response: { status: 200 } }],
  metadata: { pactSpecification: { version: '2.0.0' } },
});

try {
  const tenant = { name: 'bench', webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'] };
  const created = await httpRequest(port, { method: 'POST', path: '/api/tenants', headers: json, body: JSON.stringify(tenant) });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.body}`);
  const webhook = await httpRequest(port, {
    method: 'POST', path: '/webhooks', host, headers: json,
    body: JSON.stringify({
      events: [{ name: 'contract_content_changed' }],
      request: { method: 'POST', url: `http://127.0.0.1:${listenerPort}/v/\${pactbroker.consumerVersionNumber}` },
    }),
  });
  if (webhook.status !== 201) throw new Error(`webhook create answered ${webhook.status}: ${webhook.body}`);
  const latencies: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const version = `1.0.${run}`;
    const body = {
      pacticipantName: 'Web', pacticipantVersionNumber: version, branch: 'main',
      contracts: [{ consumerName: 'Web', providerName: 'Orders', specification: 'pact', contentType: 'application/json',
        content: Buffer.from(JSON.stringify(pactFor(run))).toString('base64') }],
    };
    const published = await httpRequest(port, { method: 'POST', path: '/contracts/publish', host, headers: json, body: JSON.stringify(body) });
    if (published.status !== 200) throw new Error(`publish answered ${published.status}: ${published.body}`);
    const answered = performance.now();
    while (!arrivals.has(`/v/${version}`)) {
      if (performance.now() - answered > 30_000) throw new Error(`the webhook for ${version} did not arrive within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    latencies.push(arrivals.get(`/v/${version}`)! - answered);
  }
  await report('Webhook delivery latency: publish answered → request at the listener (embedded)', ['runs', 'median ms', 'min ms', 'max ms'], [
    [RUNS, median(latencies).toFixed(0), Math.min(...latencies).toFixed(0), Math.max(...latencies).toFixed(0)],
  ]);
} finally {
  await close('SIGTERM');
  await new Promise((resolve) => listener.close(resolve));
}
