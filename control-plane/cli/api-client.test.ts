import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './api-client.js';
import { ApiError, ExitCode, UnreachableError } from './cli-errors.js';
import { fakePlatform, problem } from './test-support/fake-platform.js';

describe('ApiClient', () => {
  let platform: Awaited<ReturnType<typeof fakePlatform>>;
  const seen: Array<{ url?: string; authorization?: string }> = [];
  beforeAll(async () => {
    platform = await fakePlatform((request, _body, response) => {
      seen.push({ url: request.url, authorization: request.headers.authorization });
      if (request.url === '/api/tenants/acme') return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"name":"acme"}');
      if (request.url === '/api/tenants/busy') return problem(response, 409, 'Tenant "busy" is busy: stop is in progress.');
      if (request.url === '/api/locked') return problem(response, 401, 'This platform needs an admin token.');
      if (request.url === '/api/html') return void response.writeHead(502, { 'Content-Type': 'text/html' }).end('<p>bad</p>');
      problem(response, 404, 'There is no tenant named "nope".');
    });
  });
  afterAll(() => platform.close());
  const client = (adminToken?: string) => new ApiClient({ url: platform.url, adminToken, configFile: '/home/me/.config/pactsafs/config.json' });
  const failure = (work: Promise<unknown>) => work.then(() => undefined, (error: unknown) => error);

  it('answers JSON and sends the admin token as a bearer token', async () => {
    expect(await client('secret').json('GET', '/api/tenants/acme')).toEqual({ name: 'acme' });
    expect(seen.at(-1)?.authorization).toBe('Bearer secret');
  });

  it.each([
    ['/api/tenants/nope', 404, ExitCode.notFound, /^There is no tenant named "nope"\.$/],
    ['/api/tenants/busy', 409, ExitCode.failed, /stop is in progress/],
    ['/api/locked', 401, ExitCode.failed, /admin token\. Set PACTSAFS_ADMIN_TOKEN, or "adminToken" in \/home\/me/],
    ['/api/html', 502, ExitCode.failed, /^The platform answered 502 Bad Gateway\.$/],
  ])('turns an error answer at %s (%d) into exit code %d with its detail', async (path, status, exitCode, message) => {
    const error = await failure(client().json('GET', path));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, exitCode });
    expect((error as Error).message).toMatch(message);
  });

  it('says how to start the platform when nothing answers', async () => {
    const closed = await fakePlatform(() => undefined);
    await closed.close();
    const url = closed.url;
    const error = await failure(new ApiClient({ url, adminToken: undefined, configFile: '' }).json('GET', '/api/health'));
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).exitCode).toBe(ExitCode.unreachable);
    expect((error as Error).message).toBe(
      `The platform is not answering at ${url} (connection refused). Start it with \`npm start\` in the Pact Broker SafS checkout (or \`pactsafs serve\`), or point --url / PACTSAFS_URL at where it runs.`,
    );
  });
});
