/** `npm run bench`: every benchmark in turn; each prints its table and appends it to bench/results.md. */
await import('./tenant-create.js');
await import('./gateway-throughput.js');
