import { PassThrough, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type Dockerode from 'dockerode';

/**
 * Runs a command with `input` (if any) as its stdin and its stdout written to `output` (if any),
 * streamed both ways; resolves with its exit code and the end of its stderr once `output` is ended
 * and has taken every byte (a file it writes then has its full size).
 */
export async function execStreaming(
  container: Dockerode.Container,
  command: string[],
  io: { env?: string[]; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream },
): Promise<{ code: number; stderr: string }> {
  const exec = await container.exec({ Cmd: command, Env: io.env, AttachStdin: io.input !== undefined, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: io.input !== undefined });
  let stderr = '';
  const errors = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
      done();
    },
  });
  container.modem.demuxStream(stream, io.output ?? new PassThrough().resume(), errors);
  // Ending the input half-closes the connection: the command sees the end of its stdin.
  io.input?.pipe(stream);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    io.input?.on('error', reject);
  });
  if (io.output) await finished(io.output.end());
  const { ExitCode } = await exec.inspect();
  return { code: ExitCode ?? -1, stderr: stderr.trim() };
}
