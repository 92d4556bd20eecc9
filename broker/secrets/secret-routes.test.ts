import { expect, it } from 'vitest';
import { openDatabase } from '../db/index.js';
import { dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { generateSecretsKey, parseSecretsKey } from '../../shared/secrets-key.js';

/**
 * `/secrets` (team issue 14). The real broker has no secrets; the shape follows PactFlow's secrets
 * API (name, description, value in; uuid, name, description, times and links out, never the value).
 */
const KEY = parseSecretsKey(generateSecretsKey(), 'the test key');
const VALUE = 'ghp_s3cr3t-VALUE-never-shown';

describeOnEachDatabase((kind) => {
  const t = useTestBroker(kind, { secretsKey: KEY });
  const create = (body: Record<string, unknown>) => t.json('POST', '/secrets', { body });

  it('creates, lists, reads, updates and deletes a secret without ever showing its value', async () => {
    const created = await create({ name: 'CI_TOKEN', description: 'Token of the CI', value: VALUE });
    expect(created.status).toBe(201);
    const uuid = dig(created.body, 'uuid') as string;
    expect(created.headers.get('location')).toBe(`http://broker.test/secrets/${uuid}`);
    expect(created.body).toMatchObject({ name: 'CI_TOKEN', description: 'Token of the CI', _links: { self: { href: `http://broker.test/secrets/${uuid}` } } });

    const listed = await t.json('GET', '/secrets');
    expect(dig(listed.body, '_embedded', 'secrets', 0)).toMatchObject({ uuid, name: 'CI_TOKEN' });
    const updated = await t.json('PUT', `/secrets/${uuid}`, { body: { name: 'CI_TOKEN', description: 'Rotated', value: 'another-value' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ uuid, name: 'CI_TOKEN', description: 'Rotated' });
    const read = await t.request('GET', `/secrets/${uuid}`);
    const everyAnswer = [JSON.stringify(created.body), JSON.stringify(listed.body), JSON.stringify(updated.body), await read.text()].join('\n');
    expect(everyAnswer).not.toContain(VALUE);
    expect(everyAnswer).not.toContain('another-value');
    expect(everyAnswer).not.toMatch(/"value"/);

    expect((await t.request('DELETE', `/secrets/${uuid}`)).status).toBe(204);
    expect((await t.request('GET', `/secrets/${uuid}`)).status).toBe(404);
    expect((await t.request('DELETE', `/secrets/${uuid}`)).status).toBe(404);
    expect(dig((await t.json('GET', '/secrets')).body, '_embedded', 'secrets')).toEqual([]);
  });

  it('stores the value encrypted: the row holds neither the value nor its base64', async () => {
    const created = await create({ name: 'TOKEN', value: VALUE });
    const db = openDatabase(t.databaseUrl);
    try {
      const row = await db.selectFrom('secrets').selectAll().where('uuid', '=', dig(created.body, 'uuid') as string).executeTakeFirstOrThrow();
      const stored = JSON.stringify(row);
      expect(stored).not.toContain(VALUE);
      expect(stored).not.toContain(Buffer.from(VALUE).toString('base64').slice(0, 16));
      expect(row.encrypted_value).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    } finally {
      await db.destroy();
    }
  });

  it('keeps the stored value when an update leaves it out', async () => {
    const uuid = dig((await create({ name: 'TOKEN', value: VALUE })).body, 'uuid') as string;
    const db = openDatabase(t.databaseUrl);
    try {
      const before = await db.selectFrom('secrets').select('encrypted_value').executeTakeFirstOrThrow();
      expect((await t.json('PUT', `/secrets/${uuid}`, { body: { name: 'RENAMED' } })).status).toBe(200);
      expect(await db.selectFrom('secrets').select(['name', 'encrypted_value']).executeTakeFirstOrThrow()).toEqual({ name: 'RENAMED', encrypted_value: before.encrypted_value });
    } finally {
      await db.destroy();
    }
  });

  it.each([
    [{ description: 'x', value: 'v' }, { name: ['is missing'] }],
    [{ name: 'has space', value: 'v' }, { name: ['must be 1 to 100 letters, digits or underscores: webhooks use it as ${user.NAME}'] }],
    [{ name: 'TOKEN' }, { value: ['is missing'] }],
    [{ name: 'TOKEN', value: '' }, { value: ['must be filled'] }],
    [{ name: 'TOKEN', value: 1, description: 2 }, { description: ['must be a string'], value: ['must be a string'] }],
  ])('refuses %j with 400 and the field messages', async (body, errors) => {
    const answer = await create(body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors });
  });

  it('refuses a second secret of the same name', async () => {
    await create({ name: 'TOKEN', value: 'a' });
    const answer = await create({ name: 'TOKEN', value: 'b' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: { name: ["Another secret with name 'TOKEN' already exists."] } });
  });
});

describeOnEachDatabase((kind) => {
  const t = useTestBroker(kind);

  it('answers writes with 501 and a sentence on a broker started without a secrets key', async () => {
    const answer = await t.json('POST', '/secrets', { body: { name: 'TOKEN', value: 'v' } });
    expect(answer.status).toBe(501);
    expect(JSON.stringify(answer.body)).toContain('Secrets are not enabled on this broker: it was started without a secrets key (PACT_BROKER_SECRETS_KEY).');
    expect((await t.json('GET', '/secrets')).status).toBe(200);
  });
});
