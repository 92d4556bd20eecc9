/**
 * Issue 11, defect 1: a broker started alone (`npm run broker`, as the image runs it) never sends a
 * webhook to its own port, even when its host whitelist allows loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../support/http-client.js';
import { freePort, repoRoot, temporaryDataDir } from '../support/platform-process.js';
import { until } from '../support/until.js';

describe('the standalone broker and its own port', () => {
  let broker: ChildProcess | undefined;
  let port: number;
  let removeData: (() => Promise<void>) | undefined;
  const json = (method: string, urlPath: string, body?: unknown) =>
    httpRequest(port, { method, path: urlPath, host: `127.0.0.1:${port}`, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => {
    port = await freePort();
    const data = await temporaryDataDir();
    removeData = data.remove;
    broker = spawn(process.execPath, ['--import', 'tsx', 'broker/main.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PACT_BROKER_PORT: String(port),
        PACT_BROKER_DATABASE_URL: `sqlite://${path.join(data.dir, 'broker.sqlite')}`,
        PACT_BROKER_WEBHOOK_HOST_WHITELIST: '127.0.0.1 localhost',
        PACT_BROKER_WEBHOOK_SCHEME_WHITELIST: 'http',
      },
      stdio: 'ignore',
    });
    await until('the broker\'s heartbeat', () => json('GET', '/diagnostic/status/heartbeat').then((answer) => (answer.status === 200 ? true : undefined), () => undefined));
  });

  afterAll(async () => {
    if (broker && broker.exitCode === null) {
      const exited = new Promise((resolve) => broker!.once('exit', resolve));
      broker.kill('SIGKILL');
      await exited;
    }
    await removeData?.();
  });

  it.each(['127.0.0.1', 'localhost'])('refuses a webhook to its own port on %s, which would have created a pacticipant', async (host) => {
    const request = { method: 'POST', url: `http://${host}:${port}/pacticipants`, headers: { 'Content-Type': 'application/json' }, body: { name: 'Loop' } };
    const executed = await json('POST', '/webhooks/execute', { request });
    expect(executed.json()).toMatchObject({ success: false, error: { message: expect.stringContaining(`refused: port ${port} of `) } });
    expect((await json('GET', '/pacticipants/Loop')).status).toBe(404);
  });
});
