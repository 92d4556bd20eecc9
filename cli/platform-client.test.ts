import { describe, expect, it } from 'vitest';
import { freePort } from '../test/support/platform-process.js';
import type { ApiClient } from '../control-plane/api/api-client.js';
import { ApiError, ExitCode, UnreachableError } from './cli-errors.js';
import { platformClient } from './platform-client.js';
import { fakePlatform } from './test-support/fake-platform.js';
import { useServedPlatform } from './test-support/served-platform.js';

const CONFIG_FILE = '/home/me/.config/pactsafs/config.json';
const failure = (work: Promise<unknown>) => work.then(() => undefined, (error: unknown) => error);

describe('The CLI\'s API client against the real control plane', () => {
  const platform = useServedPlatform('s3cret');
  const client = (adminToken?: string) => platformClient({ url: platform.url, adminToken, configFile: CONFIG_FILE });

  it('sends the admin token as a bearer token, answers JSON, and nothing for 204', async () => {
    expect(await client('s3cret').createTenant({ name: 'acme' })).toMatchObject({ name: 'acme', state: 'running' });
    expect(await client('s3cret').getTenant('acme')).toMatchObject({ name: 'acme', runtime: 'embedded' });
    expect(await client('s3cret').removeTenant('acme')).toBeUndefined();
    expect(platform.service.list()).toEqual([]);
  });

  it.each([
    ['an unknown tenant', (api: ApiClient) => api.getTenant('nope'), 404, ExitCode.notFound, /^There is no tenant named "nope"\.$/],
    ['a bad name', (api: ApiClient) => api.createTenant({ name: 'Bad_Name' }), 400, ExitCode.failed, /may contain only lowercase letters, digits and hyphens/],
  ])('turns the refusal of %s into an ApiError with its detail', async (_case, call, status, exitCode, message) => {
    const error = await failure(call(client('s3cret')));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, exitCode });
    expect((error as Error).message).toMatch(message);
  });

  it('turns a conflict into exit code 1 with its detail', async () => {
    await client('s3cret').createTenant({ name: 'acme' });
    const error = await failure(client('s3cret').createTenant({ name: 'acme' }));
    expect(error).toMatchObject({ status: 409, exitCode: ExitCode.failed, message: 'A tenant named "acme" already exists.' });
  });

  it('says where to set the admin token when the platform refuses it', async () => {
    for (const adminToken of [undefined, 'wrong']) {
      const error = await failure(client(adminToken).listTenants());
      expect(error).toMatchObject({ status: 401, exitCode: ExitCode.failed });
      expect((error as Error).message).toBe(
        `This platform needs an admin token: send "Authorization: Bearer <PACTSAFS_ADMIN_TOKEN>". Set PACTSAFS_ADMIN_TOKEN, or "adminToken" in ${CONFIG_FILE}, to the platform's admin token.`,
      );
    }
  });
});

describe('The CLI\'s API client on failures the platform itself does not show', () => {
  it('falls back to the status line for an error that is not problem+json', async () => {
    // The platform answers every error as problem+json; a proxy in front of it may answer HTML instead.
    const proxy = await fakePlatform((_request, _body, response) => void response.writeHead(502, { 'Content-Type': 'text/html' }).end('<p>bad</p>'));
    try {
      const error = await failure(platformClient({ url: proxy.url, adminToken: undefined, configFile: '' }).listTenants());
      expect(error).toMatchObject({ status: 502, exitCode: ExitCode.failed, message: 'The platform answered 502 Bad Gateway.' });
    } finally {
      await proxy.close();
    }
  });

  it('says how to start the platform when nothing answers', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const error = await failure(platformClient({ url, adminToken: undefined, configFile: '' }).health());
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).exitCode).toBe(ExitCode.unreachable);
    expect((error as Error).message).toBe(
      `The platform is not answering at ${url} (connection refused). Start it with \`npm start\` in the Pact Broker SafS checkout (or \`pactsafs serve\`), or point --url / PACTSAFS_URL at where it runs.`,
    );
  });
});
