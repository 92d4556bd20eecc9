/**
 * Team issue 15: how long the cross-contract comparisons of one publication take, to judge whether
 * they may run in the publishing request. One OpenAPI document of PATHS operations (each answering
 * an object of FIELDS fields) compared with PACTS pacts of INTERACTIONS interactions each, as the
 * broker compares them (compareContracts: the document parsed for each pact, as stored).
 */
import os from 'node:os';
import { compareContracts } from '../broker/bi-directional/cross-contract-comparator.js';
import { median, report } from './support.js';

const PATHS = 200;
const FIELDS = 12;
const PACTS = 30;
const INTERACTIONS = 10;

function largeDocument(): string {
  const properties = Object.fromEntries(Array.from({ length: FIELDS }, (_, i) => [`field${i}`, { type: i % 2 === 0 ? 'string' : 'number' }]));
  const operation = { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties } } } } } } };
  const paths = Object.fromEntries(Array.from({ length: PATHS }, (_, i) => [`/resource${i}/{id}`, operation]));
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Large', version: '1.0.0' }, paths });
}

function pact(index: number): string {
  const body = Object.fromEntries(Array.from({ length: FIELDS }, (_, i) => [`field${i}`, i % 2 === 0 ? 'text' : i]));
  const interactions = Array.from({ length: INTERACTIONS }, (_, i) => ({
    description: `request ${i} of consumer ${index}`,
    request: { method: 'GET', path: `/resource${(index * INTERACTIONS + i) % PATHS}/1` },
    response: { status: 200, headers: { 'Content-Type': 'application/json' }, body },
  }));
  return JSON.stringify({ consumer: { name: `Consumer${index}` }, provider: { name: 'Large' }, interactions, metadata: { pactSpecification: { version: '2.0.0' } } });
}

const document = largeDocument();
const times: number[] = [];
const started = performance.now();
for (let i = 0; i < PACTS; i++) {
  const before = performance.now();
  const outcome = await compareContracts(document, pact(i));
  if (!outcome.success) throw new Error(`consumer ${i} should be compatible: ${JSON.stringify(outcome.mismatches[0])}`);
  times.push(performance.now() - before);
}
const total = performance.now() - started;
await report(`Cross-contract comparisons of one publication (team issue 15), load average ${os.loadavg()[0]?.toFixed(1)}`, ['document', 'pacts', 'median per pact (ms)', 'slowest (ms)', 'all pacts (ms)'], [
  [`${PATHS} operations, ${FIELDS} fields each (${Math.round(document.length / 1024)} KiB)`, `${PACTS} × ${INTERACTIONS} interactions`, median(times).toFixed(0), Math.max(...times).toFixed(0), total.toFixed(0)],
]);
