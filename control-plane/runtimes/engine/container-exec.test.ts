/** Commands run in a real container (npm test provides the engine and our images). */
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTenantObjects } from '../../../test/support/docker-cleanup.js';
import { provided } from '../../../test/support/test-parts.js';
import { execStreaming } from './container-exec.js';

describe.runIf(provided('docker'))('execStreaming (real engine)', () => {
  const docker = new Dockerode();
  const name = `ex${randomBytes(3).toString('hex')}`;
  let container: Dockerode.Container;

  beforeAll(async () => {
    container = await docker.createContainer({ Image: 'pactsafs/debian:bookworm', Cmd: ['sleep', 'infinity'], Labels: { 'pactsafs.tenant': name } });
    await container.start();
  });
  afterAll(() => removeTenantObjects(docker, [name]));

  it('resolves only once a slow output has taken every byte and finished', async () => {
    // Like a file under load: each write completes a little later than it was asked for.
    let written = 0;
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        setTimeout(() => {
          written += chunk.length;
          done();
        }, 2);
      },
    });
    const { code } = await execStreaming(container, ['head', '-c', '3000000', '/dev/zero'], { output });
    expect(code).toBe(0);
    expect(output.writableFinished).toBe(true);
    expect(written).toBe(3_000_000);
  });

  it('feeds its input to the command and reports a failure with its stderr', async () => {
    let stdout = '';
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        stdout += chunk.toString();
        done();
      },
    });
    expect(await execStreaming(container, ['wc', '-l'], { input: Readable.from(['one\n', 'two\n']), output })).toEqual({ code: 0, stderr: '' });
    expect(stdout.trim()).toBe('2');
    expect(await execStreaming(container, ['sh', '-c', 'echo broken >&2; exit 3'], {})).toEqual({ code: 3, stderr: 'broken' });
  });
});
