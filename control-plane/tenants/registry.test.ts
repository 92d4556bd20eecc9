import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger.js';
import { verifyPassword } from '../../shared/password-hash.js';
import { temporaryDataDir } from '../../test/support/platform-process.js';
import { Registry, type TenantRecord } from './registry.js';

const at = '2026-11-23T13:30:00.000Z';
const basicAuth = { username: 'ci', password: 'ci-secret-1', readOnlyUsername: 'dev', readOnlyPassword: 'dev-secret-1', allowPublicRead: false, publicHeartbeat: false, publicBadges: true };
const tenant = (name: string, runtime: TenantRecord['runtime']): TenantRecord => ({
  name, state: 'running', runtime, createdAt: at, updatedAt: at, lastBackupAt: null, reason: null, basicAuth: { ...basicAuth },
});

describe('the registry keeps no plain password of an embedded tenant (issue 11)', () => {
  let data: Awaited<ReturnType<typeof temporaryDataDir>>;
  const file = () => path.join(data.dir, 'registry.json');
  const stored = async () => JSON.parse(await readFile(file(), 'utf8')) as { tenants: TenantRecord[] };

  beforeEach(async () => {
    data = await temporaryDataDir();
  });

  afterEach(async () => {
    await data.remove();
  });

  it('stores hashes when an embedded tenant is saved, and hands its broker the same record', async () => {
    const registry = await Registry.open(data.dir);
    const record = tenant('acme', 'embedded');
    await registry.save(record);
    const text = await readFile(file(), 'utf8');
    expect(text).not.toContain('secret-1');
    const [saved] = (await stored()).tenants;
    expect(await verifyPassword('ci-secret-1', saved!.basicAuth!.password)).toBe(true);
    expect(await verifyPassword('dev-secret-1', saved!.basicAuth!.readOnlyPassword!)).toBe(true);
    expect(record.basicAuth).toEqual(saved!.basicAuth);
  });

  it("keeps a docker tenant's passwords, which its containers need", async () => {
    const registry = await Registry.open(data.dir);
    await registry.save(tenant('dock', 'docker'));
    expect((await stored()).tenants[0]!.basicAuth).toMatchObject({ password: 'ci-secret-1', readOnlyPassword: 'dev-secret-1' });
  });

  it("hashes an earlier version's plain passwords of embedded tenants when it opens, and says so", async () => {
    await writeFile(file(), JSON.stringify({ formatVersion: 1, tenants: [tenant('acme', 'embedded'), tenant('dock', 'docker')] }));
    const lines: string[] = [];
    const registry = await Registry.open(data.dir, createLogger({ write: (line) => lines.push(line) }));
    const [acme, dock] = (await stored()).tenants;
    expect(await verifyPassword('ci-secret-1', acme!.basicAuth!.password)).toBe(true);
    expect(JSON.stringify(acme)).not.toContain('secret-1');
    expect(dock!.basicAuth!.password).toBe('ci-secret-1');
    expect(registry.find('acme')!.basicAuth).toEqual(acme!.basicAuth);
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ message: expect.stringContaining('scrypt hashes'), tenants: ['acme'] })]);

    lines.length = 0;
    await Registry.open(data.dir, createLogger({ write: (line) => lines.push(line) }));
    expect(lines).toEqual([]);
  });
});
