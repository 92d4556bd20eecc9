import { connect, createServer, type Server } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../shared/logger.js';
import { openBroker } from '../broker.js';
import { createTestDatabase, postgresServerUrl } from '../test-support/test-database.js';

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const retries = () => lines.filter((line) => line.message === 'The database does not accept connections yet; retrying');
  return { logger, retries };
}

/** A loopback port nothing listens on, until the test listens on it. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((listening) => server.once('listening', listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

describe('opening a broker whose database does not accept connections yet', () => {
  it('retries as often as asked, logging each retry, then fails with the connection error', async () => {
    const { logger, retries } = recordingLogger();
    const databaseUrl = `postgres://broker:secret@127.0.0.1:${await freePort()}/broker`;
    await expect(openBroker({ databaseUrl, connectMaxRetries: 2, connectRetryIntervalMs: 10, logger })).rejects.toThrow(
      /^The database does not accept connections after 2 retries: .*ECONNREFUSED/,
    );
    expect(retries().map((line) => line.retry)).toEqual([1, 2]);
  });

  /** Opens a broker on a port where its PostgreSQL "starts" (begins to accept connections) once `retriesBefore` retries were logged. */
  async function openOnLateDatabase(retryIntervalMs: number, retriesBefore: number): Promise<number> {
    const { logger, retries } = recordingLogger();
    const database = await createTestDatabase('postgres');
    const server = new URL(database.url);
    const late = new URL(database.url);
    late.port = String(await freePort());
    let forwarder: Server | undefined;
    try {
      const opening = openBroker({ databaseUrl: late.toString(), connectMaxRetries: 100, connectRetryIntervalMs: retryIntervalMs, logger });
      await vi.waitFor(() => expect(retries().length).toBeGreaterThanOrEqual(retriesBefore));
      forwarder = createServer((client) => {
        const upstream = connect(Number(server.port), server.hostname);
        client.pipe(upstream).pipe(client);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      }).listen(Number(late.port), '127.0.0.1');
      const broker = await opening;
      const response = await broker.fetch(new Request('http://broker.test/diagnostic/status/dependencies'));
      expect(response.status).toBe(200);
      await broker.close();
      return retries().length;
    } finally {
      forwarder?.close();
      await database.drop();
    }
  }

  it.skipIf(postgresServerUrl === undefined)('opens once PostgreSQL starts accepting connections', async () => {
    expect(await openOnLateDatabase(20, 2)).toBeGreaterThanOrEqual(2);
  });

  // Team issue 13 (target 3): a docker tenant's broker starts beside its postgres; it must not sleep out a whole retry interval.
  it.skipIf(postgresServerUrl === undefined)('opens before its next logged retry when PostgreSQL starts within the interval', async () => {
    expect(await openOnLateDatabase(120_000, 1)).toBe(1);
  }, 60_000);
});
