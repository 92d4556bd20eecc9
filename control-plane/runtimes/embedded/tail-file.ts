import { open, stat } from 'node:fs/promises';
import { PassThrough } from 'node:stream';

/** The last `tail` lines of a text file as a stream; with `follow`, what is appended later too (polled). */
export async function tailFile(file: string, options: { tail: number; follow: boolean; pollMs?: number }): Promise<NodeJS.ReadableStream> {
  const output = new PassThrough();
  const handle = await open(file, 'r');
  const { size } = await handle.stat();
  // Logs can be large: read only as much of the end as the lines asked for are likely to need.
  const window = Math.min(size, Math.max(64 * 1024, options.tail * 512));
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(window), 0, window, size - window);
  const lines = buffer.subarray(0, bytesRead).toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const last = options.tail > 0 ? lines.slice(-options.tail) : [];
  output.write(last.length > 0 ? last.join('\n') + '\n' : '');
  if (!options.follow) {
    await handle.close();
    output.end();
    return output;
  }
  let offset = size;
  let reading = false;
  const readAppended = async () => {
    const { size: now } = await stat(file);
    if (now <= offset) return;
    const chunk = Buffer.alloc(now - offset);
    await handle.read(chunk, 0, chunk.length, offset);
    offset = now;
    output.write(chunk);
  };
  const timer = setInterval(() => {
    // One read at a time (a slow disk must not read the same bytes twice); a file that went away,
    // or a handle closed under a read, ends the stream instead of rejecting unhandled.
    if (reading) return;
    reading = true;
    readAppended().then(
      () => (reading = false),
      () => output.end(),
    );
  }, options.pollMs ?? 500);
  output.on('close', () => {
    clearInterval(timer);
    handle.close().catch(() => {});
  });
  return output;
}
