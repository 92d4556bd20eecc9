/** Time from POST /api/tenants (not waiting) to the first 200 from the new tenant's heartbeat through the gateway. */
import { httpRequest, median, report, startPlatform } from './support.js';

const RUNS = 20;
const { port, close } = await startPlatform({ PACTSAFS_LOG_LEVEL: 'warn' });
try {
  const timings: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const name = `bench-${i}`;
    const started = performance.now();
    const created = await httpRequest(port, {
      method: 'POST',
      path: '/api/tenants?wait=false',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    if (created.status !== 202) throw new Error(`create answered ${created.status}: ${created.body}`);
    for (;;) {
      const heartbeat = await httpRequest(port, { path: '/diagnostic/status/heartbeat', host: `${name}.localhost:${port}` });
      if (heartbeat.status === 200) break;
      if (performance.now() - started > 30_000) throw new Error(`${name} did not answer its heartbeat within 30 s (last: ${heartbeat.status} ${heartbeat.body})`);
    }
    timings.push(performance.now() - started);
  }
  await report('Tenant create → first heartbeat 200 through the gateway (embedded)', ['runs', 'median ms', 'min ms', 'max ms'], [
    [RUNS, median(timings).toFixed(1), Math.min(...timings).toFixed(1), Math.max(...timings).toFixed(1)],
  ]);
} finally {
  await close('SIGTERM');
}
