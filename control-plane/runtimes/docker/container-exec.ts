import type Dockerode from 'dockerode';
import { demuxLogFrames } from './container-logs.js';

/** Runs a command in a running container; resolves with its exit code and combined output. */
export async function execInContainer(container: Dockerode.Container, command: string[]): Promise<{ code: number; output: string }> {
  const exec = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  return { code: ExitCode ?? -1, output: demuxLogFrames(Buffer.concat(chunks)) };
}
