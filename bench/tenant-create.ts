/** Time from POST /api/tenants (not waiting) to the first 200 from the new tenant's heartbeat through the gateway. */
import { freePort, httpRequest, median, PlatformProcess, report, temporaryDataDir } from './support.js';

const RUNS = 20;
const port = await freePort();
const data = await temporaryDataDir();
const platform = new PlatformProcess(port, data.dir, { PACTSAFS_LOG_LEVEL: 'warn' });
await platform.start();
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
    }
    timings.push(performance.now() - started);
  }
  await report('Tenant create → first heartbeat 200 through the gateway (embedded)', ['runs', 'median ms', 'min ms', 'max ms'], [
    [RUNS, median(timings).toFixed(1), Math.min(...timings).toFixed(1), Math.max(...timings).toFixed(1)],
  ]);
} finally {
  await platform.stop();
  await data.remove();
}
