/**
 * `npm run bench`: every benchmark in turn; each prints its table and appends it to bench/results.md.
 * `npm run bench -- <name>…` runs only those (issue 13): tenant-create, gateway-throughput,
 * webhook-latency, backup-restore, tenant-isolation, tenant-wake, tenant-density, docker-lifecycle, docker-gateway-throughput,
 * swarm-lifecycle, swarm-failover, swarm-move, broker, broker-ab, clean, cli-start, cross-contract.
 */
const benches: Array<{ name: string; file: string; byDefault: boolean }> = [
  { name: 'tenant-create', file: './tenant-create.js', byDefault: true },
  { name: 'gateway-throughput', file: './gateway-throughput.js', byDefault: true },
  { name: 'webhook-latency', file: './webhook-latency.js', byDefault: true },
  { name: 'backup-restore', file: './backup-restore.js', byDefault: true },
  { name: 'tenant-isolation', file: './tenant-isolation.js', byDefault: true },
  // Issue 13: scale to zero (its docker rows unless BENCH_DOCKER=false) and density (BENCH_DENSITY_TENANTS, default 1000).
  { name: 'tenant-wake', file: './tenant-wake.js', byDefault: true },
  { name: 'tenant-density', file: './tenant-density.js', byDefault: true },
  { name: 'docker-lifecycle', file: './docker-lifecycle.js', byDefault: process.env.BENCH_DOCKER !== 'false' },
  { name: 'docker-gateway-throughput', file: './docker-gateway-throughput.js', byDefault: process.env.BENCH_DOCKER !== 'false' },
  { name: 'swarm-lifecycle', file: './swarm-lifecycle.js', byDefault: process.env.BENCH_SWARM !== 'false' },
  { name: 'swarm-move', file: './swarm-move.js', byDefault: process.env.BENCH_SWARM !== 'false' },
  { name: 'swarm-failover', file: './swarm-failover.js', byDefault: process.env.BENCH_SWARM !== 'false' },
  { name: 'broker', file: './broker-calls.js', byDefault: true },
  // Team issue 13: this tree's broker against the commit BENCH_AB_BASELINE names, in alternating rounds; only when asked.
  { name: 'broker-ab', file: './broker-ab.js', byDefault: false },
  // Team issue 14: PostgreSQL only (PACTSAFS_TEST_POSTGRES_URL); BENCH_CLEAN_ROWS versions per pacticipant.
  { name: 'clean', file: './clean.js', byDefault: Boolean(process.env.PACTSAFS_TEST_POSTGRES_URL) },
  // Team issue 16: the CLI's start, bundled and from the sources.
  { name: 'cli-start', file: './cli-start.js', byDefault: true },
  // Team issue 15: cross-contract comparisons of one publication (a large document and many pacts).
  { name: 'cross-contract', file: './cross-contract-compare.js', byDefault: true },
];

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !benches.some((bench) => bench.name === name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown bench ${unknown.join(', ')}; known: ${benches.map((bench) => bench.name).join(', ')}\n`);
  process.exit(2);
}
for (const bench of benches) {
  if (asked.length > 0 ? asked.includes(bench.name) : bench.byDefault) await import(bench.file);
}
