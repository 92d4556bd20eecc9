/**
 * The contract every TenantRuntime keeps (issue 12, item 6): one suite of cases that each runtime's
 * `*.contract.test.ts` registers with a factory of its own, as Hono runs one case file over every
 * router. Brokers are checked through the real gateway, with the official pact CLI.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveSchemaVersion } from '../../broker/index.js';
import { migrateUpTo, openDatabase } from '../../broker/test-support/database-access.js';
import { createGateway, type Gateway } from '../../gateway/gateway-server.js';
import { RequestCounters } from '../../gateway/request-counters.js';
import { silentLogger } from '../../shared/logger.js';
import { pactBroker, writePactFile } from '../../test/support/pact-cli.js';
import type { TenantRecord } from '../tenants/registry.js';
import type { RowsDatabase, TenantRuntime } from './runtime.js';

/** One runtime under the contract: how to make instances of it and how to reach behind its back. */
export interface RuntimeContractSubject {
  /**
   * A new instance over the same engine or data (the first one, or the one after a platform restart);
   * `baseUrlsFor` answers the contract gateway's address of a tenant, which its broker's links must use.
   */
  open(baseUrlsFor: (name: string) => string[]): TenantRuntime;
  /**
   * Ids of what serves the tenant (containers, tasks): the same ids mean nothing was restarted. Only
   * for runtimes whose brokers outlive the platform process; an embedded broker lives in it, so a new
   * instance necessarily opens it again over the same file.
   */
  servingIds?(name: string): Promise<string[]>;
  /**
   * Deletes the tenant's broker (container, service) outside the runtime. Only for runtimes whose
   * brokers are engine objects: nothing outside the platform process can remove an embedded one.
   */
  loseBroker?(name: string): Promise<void>;
  /** Deletes the tenant's database outside the runtime, as an operator's mistake would. */
  loseDatabase(name: string): Promise<void>;
  /** Removes every trace of these tenants, also after a failed case. */
  cleanup(names: string[]): Promise<void>;
}

/** Registers the contract's cases for the runtime `setup` answers. */
export function runtimeContract(title: string, setup: () => Promise<RuntimeContractSubject>): void {
  // Swarm services take seconds to start and to go; every case waits for the engine, never for a time.
  describe(`${title}: the runtime contract (issue 12)`, { timeout: 240_000 }, () => {
    const prefix = `rc${randomBytes(2).toString('hex')}`;
    const [A, B, C] = ['a', 'b', 'c'].map((suffix) => `${prefix}${suffix}`) as [string, string, string];
    let subject: RuntimeContractSubject;
    let runtime: TenantRuntime;
    let gateway: Gateway;
    let base: (name: string) => string;
    let pactDir: string;
    const records = new Map<string, TenantRecord>();
    const recorded = (name: string) => records.get(name) ?? expect.fail(`tenant ${name} was not created`);
    const baseUrls = (name: string) => [base(name)];
    const ids = (name: string) => subject.servingIds?.(name) ?? Promise.resolve([]);

    const create = async (name: string) => {
      const now = new Date().toISOString();
      const tenant: TenantRecord = { name, state: 'creating', runtime: runtime.kind, createdAt: now, updatedAt: now, lastBackupAt: null, reason: null };
      const facts = await runtime.create(tenant);
      records.set(name, { ...tenant, ...facts, state: 'running' });
      return facts;
    };
    const get = async (name: string, route: string) => {
      const response = await fetch(`${base(name)}${route}`, { signal: AbortSignal.timeout(30_000) });
      return { status: response.status, body: await response.text() };
    };
    const pacticipants = async (name: string) => {
      const { status, body } = await get(name, '/pacticipants');
      expect(status, body).toBe(200);
      const names = (JSON.parse(body) as { _embedded?: { pacticipants?: { name: string }[] } })._embedded?.pacticipants?.map((p) => p.name) ?? [];
      return names.sort();
    };
    const publish = async (name: string, version: string) => {
      const result = await pactBroker(['publish', pactDir, '--consumer-app-version', version, '--branch', 'main', '--broker-base-url', base(name)]);
      expect(result.code, result.stdout + result.stderr).toBe(0);
    };
    /** Writes one pacticipant into the tenant's staging database, then `finish` swaps or discards it. */
    const stage = async (name: string, pacticipant: string, finish: (staged: RowsDatabase) => Promise<void>) => {
      const staged = await runtime.database(recorded(name));
      try {
        if (staged.flavour !== 'pactsafs') return expect.fail(`the contract runs on our broker image, got flavour ${staged.flavour}`);
        await writeStaging(staged, pacticipant);
        await finish(staged);
      } finally {
        await staged.release?.();
      }
    };

    beforeAll(async () => {
      subject = await setup();
      pactDir = await mkdtemp(path.join(tmpdir(), 'runtime-contract-'));
      await writePactFile(pactDir, 'Web', 'Orders');
      gateway = createGateway({
        domain: 'localhost',
        lookup: (name) => runtime.route(name),
        control: (_req, res) => res.writeHead(404).end(),
        counters: new RequestCounters(),
        logger: silentLogger,
      });
      const port = await gateway.listen(0, ['127.0.0.1']);
      base = (name) => `http://127.0.0.1:${port}/t/${name}`;
      runtime = subject.open(baseUrls);
    });
    afterAll(async () => {
      await subject?.cleanup([A, B, C]);
      await runtime?.close();
      await gateway?.close();
      if (pactDir) await rm(pactDir, { recursive: true, force: true });
    }, 300_000);

    it('creates a tenant that serves the official CLI; a second create succeeds and changes nothing', async () => {
      expect(await runtime.leftoverData(A)).toBeUndefined();
      const facts = await create(A);
      await publish(A, '1');
      const [before, route] = [await ids(A), runtime.route(A)];
      // A retry, as the platform would make it: with the record the first create left.
      expect(await runtime.create({ ...recorded(A), state: 'creating' })).toEqual(facts);
      expect(await ids(A)).toEqual(before);
      expect(runtime.route(A)).toEqual(route);
      expect(await pacticipants(A)).toEqual(['Orders', 'Web']);
      expect(await runtime.inspect(recorded(A))).toBeUndefined();
    });

    it('runs a PostgreSQL database at wal_level=minimal, where a restore writes no WAL (team issue 13)', async (context) => {
      const live = await runtime.database(recorded(A));
      try {
        if (live.flavour !== 'pactsafs') return expect.fail(`the contract runs on our broker image, got flavour ${live.flavour}`);
        if (!live.url.startsWith('postgres')) return context.skip(); // SQLite has no WAL level
        const db = openDatabase(live.url, { maxConnections: 1 });
        try {
          const { rows } = await sql<{ wal_level: string }>`show wal_level`.execute(db);
          expect(rows).toEqual([{ wal_level: 'minimal' }]);
        } finally {
          await db.destroy();
        }
      } finally {
        await live.release?.();
      }
    });

    it('starts a running tenant twice without touching it', async () => {
      const [before, route] = [await ids(A), runtime.route(A)];
      await runtime.start(recorded(A));
      await runtime.start(recorded(A));
      expect(await ids(A)).toEqual(before);
      expect(runtime.route(A)).toEqual(route);
      expect(await pacticipants(A)).toEqual(['Orders', 'Web']);
    });

    it('stops twice (no route, the gateway answers no broker), then starts over the same data', async () => {
      await runtime.stop(A);
      await runtime.stop(A);
      expect(runtime.route(A)).toBeUndefined();
      expect((await get(A, '/diagnostic/status/heartbeat')).status).toBe(404);
      await runtime.start(recorded(A));
      expect(await pacticipants(A)).toEqual(['Orders', 'Web']);
    });

    it('names the data of an existing tenant as leftovers, and kept data after a remove twice with keepData', async () => {
      expect(await runtime.leftoverData(A)).toMatch(new RegExp(A));
      await create(B);
      await runtime.remove(B, { keepData: true });
      await runtime.remove(B, { keepData: true });
      expect(runtime.route(B)).toBeUndefined();
      expect(await runtime.leftoverData(B)).toMatch(new RegExp(B));
      await runtime.remove(B, { keepData: false });
      expect(await runtime.leftoverData(B)).toBeUndefined();
    });

    it('reports data of a tenant the registry does not know as an orphan, and leaves them alone', async () => {
      const orphans = (await runtime.orphans(new Set())).filter((orphan) => orphan.tenant.startsWith(prefix));
      expect(orphans).toEqual([{ runtime: runtime.kind, tenant: A, location: expect.stringContaining(A) }]);
      expect((await runtime.orphans(new Set([A]))).filter((orphan) => orphan.tenant.startsWith(prefix))).toEqual([]);
      expect(await runtime.inspect(recorded(A))).toBeUndefined();
      expect(await pacticipants(A)).toEqual(['Orders', 'Web']);
    });

    it('stops a tenant whose broker was removed behind its back; inspect names a database removed so', async () => {
      await create(C);
      expect(await runtime.inspect(recorded(C))).toBeUndefined();
      await subject.loseBroker?.(C);
      await runtime.stop(C);
      await runtime.stop(C);
      expect(runtime.route(C)).toBeUndefined();
      await subject.loseDatabase(C);
      expect(await runtime.inspect(recorded(C))).toMatch(/database|db/);
      await runtime.remove(C, { keepData: false });
      await runtime.remove(C, { keepData: false });
      expect(await runtime.leftoverData(C)).toBeUndefined();
    });

    it('discards a staged restore without touching the live data', async () => {
      await stage(A, 'Discarded', (staged) => staged.discardStaging());
      expect(await pacticipants(A)).toEqual(['Orders', 'Web']);
    });

    it('swaps staged data in: the broker serves them without a restart', async () => {
      const before = await ids(A);
      await stage(A, 'Restored', (staged) => staged.swapInStaging());
      expect(await pacticipants(A)).toEqual(['Restored']);
      expect(await ids(A)).toEqual(before);
      await publish(A, '2');
      expect(await pacticipants(A)).toEqual(['Orders', 'Restored', 'Web']);
    });

    it('is adopted by a new instance (a platform restart) without a restart of its broker', async () => {
      const before = await ids(A);
      await runtime.close();
      runtime = subject.open(baseUrls);
      expect(runtime.route(A)).toBeUndefined();
      await runtime.start(recorded(A));
      expect(await ids(A)).toEqual(before);
      expect(await pacticipants(A)).toEqual(['Orders', 'Restored', 'Web']);
    });

    it('removes a tenant twice, leaving nothing', async () => {
      await runtime.remove(A, { keepData: false });
      await runtime.remove(A, { keepData: false });
      expect(runtime.route(A)).toBeUndefined();
      expect(await runtime.leftoverData(A)).toBeUndefined();
      expect(await runtime.inspect(recorded(A))).toMatch(/database|db/);
    });
  });
}

/**
 * A restore's loading step, reduced to one row: the live data's schema version (as a backup of them
 * would name it: the broker image may predate this tree's migrations) in staging, with one pacticipant.
 */
async function writeStaging(database: RowsDatabase, pacticipant: string): Promise<void> {
  const version = await liveSchemaVersion(database.url);
  const { url, schema } = await database.prepareStaging();
  const staging = openDatabase(url, { schema, maxConnections: 1 });
  try {
    await migrateUpTo(staging, version, schema);
    const now = new Date().toISOString();
    await staging.insertInto('pacticipants').values({ name: pacticipant, created_at: now, updated_at: now }).execute();
  } finally {
    await staging.destroy();
  }
}
