import { createLogger, type Logger } from '../../shared/logger.js';
import { openBroker, type Broker, type BrokerOptions } from '../broker.js';
import { useSuiteResource, type SuiteScope } from './suite-resource.js';
import { createTestDatabase, type DatabaseKind } from './test-database.js';

export const BASE = 'http://broker.test';

/** A broker on a fresh database of the given kind, with the log lines it wrote. */
export interface TestBroker {
  broker: Broker;
  /** Its database, for tests that read the rows themselves. */
  databaseUrl: string;
  logLines: Record<string, unknown>[];
  /** Sends a request to the broker under {@link BASE}; a body object is sent as JSON. */
  request(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** `request` and the parsed JSON body. */
  json(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: unknown }>;
  /** Closes the broker and drops its database. */
  close(): Promise<void>;
}

/** {@link useTestBroker}'s options: the broker's own, and how long each broker lives. */
export interface UseTestBrokerOptions extends Partial<BrokerOptions> {
  /** `'each'` (default): a fresh broker for each test; `'all'`: one broker for the whole suite. */
  scope?: SuiteScope;
}

/**
 * A fresh test broker for each test of the suite (started before, closed after), or one for the
 * whole suite with `scope: 'all'`; the answer talks to the current one, so a suite declares it
 * once: `const t = useTestBroker(database)`.
 */
export function useTestBroker(database: DatabaseKind, { scope, ...options }: UseTestBrokerOptions = {}): TestBroker {
  const now = useSuiteResource(() => startTestBroker(database, options), scope);
  return {
    get broker() {
      return now().broker;
    },
    get databaseUrl() {
      return now().databaseUrl;
    },
    get logLines() {
      return now().logLines;
    },
    request: (...args) => now().request(...args),
    json: (...args) => now().json(...args),
    close: () => now().close(),
  };
}

export async function startTestBroker(database: DatabaseKind, options: Partial<BrokerOptions> = {}): Promise<TestBroker> {
  const testDatabase = await createTestDatabase(database);
  const logLines: Record<string, unknown>[] = [];
  const logger: Logger = createLogger({ level: 'debug', write: (line) => logLines.push(JSON.parse(line) as Record<string, unknown>) });
  const broker = await openBroker({ databaseUrl: testDatabase.url, logger, ...options }).catch(async (error: unknown) => {
    await testDatabase.drop();
    throw error;
  });
  const request: TestBroker['request'] = (method, path, { body, headers = {} } = {}) =>
    Promise.resolve(
      broker.fetch(
        new Request(BASE + path, {
          method,
          headers: { accept: 'application/hal+json, application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    );
  return {
    broker,
    databaseUrl: testDatabase.url,
    logLines,
    request,
    async json(method, path, init) {
      const response = await request(method, path, init);
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      try {
        await broker.close();
      } finally {
        await testDatabase.drop();
      }
    },
  };
}

/** A small pact document between the given consumer and provider. */
export function pactDocument(consumer = 'Foo', provider = 'Bar', descriptions: string[] = ['a request for things']): Record<string, unknown> {
  return {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: descriptions.map((description) => ({
      description,
      request: { method: 'GET', path: '/things' },
      response: { status: 200, body: { description } },
    })),
    metadata: { pactSpecification: { version: '2.0.0' } },
  };
}

/** A `POST /contracts/publish` body as the official CLI sends it. */
export function publishBody(overrides: Record<string, unknown> = {}, pact = pactDocument(), contractOverrides: Record<string, unknown> = {}): Record<string, unknown> {
  const consumerName = (pact.consumer as { name: string }).name;
  const providerName = (pact.provider as { name: string }).name;
  const body = {
    pacticipantName: consumerName,
    pacticipantVersionNumber: '1.0.0',
    branch: 'main',
    tags: ['dev'],
    buildUrl: 'http://ci/builds/1',
    contracts: [
      {
        consumerName,
        providerName,
        specification: 'pact',
        contentType: 'application/json',
        content: Buffer.from(JSON.stringify(pact)).toString('base64'),
        onConflict: 'overwrite',
        ...contractOverrides,
      },
    ],
    ...overrides,
  };
  // Drops the keys an override set to undefined, as JSON would.
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

/** The value at a path of keys and indexes in parsed JSON, or undefined. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
