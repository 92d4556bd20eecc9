/** `npm run bench`: every benchmark in turn; each prints its table and appends it to bench/results.md. */
await import('./tenant-create.js');
await import('./gateway-throughput.js');
await import('./webhook-latency.js');
await import('./backup-restore.js');
await import('./tenant-isolation.js');
if (process.env.BENCH_DOCKER !== 'false') await import('./docker-lifecycle.js');
if (process.env.BENCH_DOCKER !== 'false') await import('./docker-gateway-throughput.js');
if (process.env.BENCH_SWARM !== 'false') await import('./swarm-lifecycle.js');
