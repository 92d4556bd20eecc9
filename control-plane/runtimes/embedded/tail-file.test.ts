import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tailFile } from './tail-file.js';

describe('tailFile', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tail-file-'));
    file = path.join(dir, 'broker.log');
    await writeFile(file, 'one\ntwo\nthree\n');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const text = async (stream: NodeJS.ReadableStream) => {
    let all = '';
    for await (const chunk of stream) all += String(chunk);
    return all;
  };

  it('answers the last lines asked for, and none for a tail of 0', async () => {
    expect(await text(await tailFile(file, { tail: 2, follow: false }))).toBe('two\nthree\n');
    expect(await text(await tailFile(file, { tail: 0, follow: false }))).toBe('');
  });

  it('follows what is appended, and ends when the file goes away', async () => {
    const stream = await tailFile(file, { tail: 1, follow: true, pollMs: 10 });
    const read = text(stream);
    await appendFile(file, 'four\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rm(file);
    expect(await read).toBe('three\nfour\n');
  });
});
