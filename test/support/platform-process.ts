import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A free TCP port on loopback, for a platform that must come back on the same port after a restart. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function temporaryDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** How the platform is run unless told otherwise: its entry point under tsx. */
const MAIN_ARGS = ['--import', 'tsx', 'main.ts'];

/** The real platform as a separate process: `node <args>` in the checkout (main.ts unless told). */
export class PlatformProcess {
  private child: ChildProcess | undefined;
  output = '';

  constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly env: Record<string, string> = {},
    private readonly args: string[] = MAIN_ARGS,
  ) {}

  /** The platform's process id while it runs (benches read its memory from /proc). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the platform and waits for its ready line; after `readyWithinMs` (below vitest's hook
   * timeout, so that the caller's cleanup still runs) the process is killed and the start fails. */
  async start(readyWithinMs = 90_000): Promise<void> {
    const child = spawn(process.execPath, this.args, {
      cwd: repoRoot,
      env: { ...process.env, PACTSAFS_PORT: String(this.port), PACTSAFS_DATA_DIR: this.dataDir, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // `output` keeps earlier runs' lines: only this run's ready line counts.
    const from = this.output.length;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the platform printed no ready line within ${readyWithinMs / 1000} s:\n${this.output}`));
      }, readyWithinMs);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        if (this.output.slice(from).includes('is ready on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the platform exited with code ${code} before it was ready:\n${this.output}`));
      });
    });
  }

  /** Ends the platform: SIGTERM for a clean stop, SIGKILL for a crash. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }
}

/** A platform started by `startPlatform`, with what it was started on. */
export interface StartedPlatform {
  port: number;
  dataDir: string;
  platform: PlatformProcess;
  /** Ends the platform (SIGKILL unless told) and removes its data dir. */
  close(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/**
 * The real platform on a free port over a fresh data dir, run as `node <args>` (main.ts unless
 * told); a start that fails removes the dir and rethrows.
 */
export async function startPlatform(env: Record<string, string> = {}, args: string[] = MAIN_ARGS): Promise<StartedPlatform> {
  const port = await freePort();
  const data = await temporaryDataDir();
  const platform = new PlatformProcess(port, data.dir, env, args);
  const close = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGKILL') => {
    await platform.stop(signal);
    await data.remove();
  };
  try {
    await platform.start();
  } catch (error) {
    await close();
    throw error;
  }
  return { port, dataDir: data.dir, platform, close };
}

/** Runs the platform expecting it to refuse to start; resolves to its exit code and output. */
export function runPlatformExpectingExit(port: number, dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, MAIN_ARGS, {
      cwd: repoRoot,
      env: { ...process.env, PACTSAFS_PORT: String(port), PACTSAFS_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
