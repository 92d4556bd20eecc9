import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';

/** A container's stdout and stderr as one text stream (the engine multiplexes them when there is no TTY). */
export async function containerLogs(
  container: Dockerode.Container,
  options: { follow: boolean; tail: number },
): Promise<NodeJS.ReadableStream> {
  const output = new PassThrough();
  if (options.follow) {
    const stream = await container.logs({ follow: true, stdout: true, stderr: true, tail: options.tail, timestamps: false });
    container.modem.demuxStream(stream, output, output);
    stream.on('end', () => output.end());
    stream.on('error', (error) => output.destroy(error));
    output.on('close', () => (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.());
    return output;
  }
  const buffer = await container.logs({ follow: false, stdout: true, stderr: true, tail: options.tail, timestamps: false });
  output.end(demuxLogFrames(buffer));
  return output;
}

/** Strips the engine's 8-byte frame headers from a non-TTY output buffer. */
export function demuxLogFrames(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}
