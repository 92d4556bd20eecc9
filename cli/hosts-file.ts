import { existsSync } from 'node:fs';
import { chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostNameOfUrl } from '../shared/tenant-address.js';
import type { TenantResource } from '../control-plane/api/contract.js';
import { CliError } from './cli-errors.js';

/**
 * The static pact CLI resolves names only through /etc/hosts and DNS
 * (docs/decisions.md#name-resolution), so `pactsafs hosts --write` keeps one line per tenant and address family there,
 * inside a marked block that it alone rewrites.
 */
export const DEFAULT_HOSTS_FILE = '/etc/hosts';
export const BLOCK_BEGIN = '# BEGIN pactsafs';
export const BLOCK_END = '# END pactsafs';
const BLOCK_NOTE = '# Written by `pactsafs hosts --write`, which replaces these lines; edit outside the block.';

/** The CLI's entry script, found upward from this module: it runs from its sources or from the dist/ bundle. */
function pactsafsBin(): string {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    const bin = new URL('bin/pactsafs.js', dir);
    if (existsSync(bin)) return fileURLToPath(bin);
    if (dir.pathname === '/') return 'pactsafs';
  }
}

/**
 * The command that writes the block as root. `sudo pactsafs` fails from a checkout (pactsafs is
 * not on root's PATH, nor is node always), so node and the script go by absolute path (team issue 16).
 */
export function sudoHostsWriteCommand(file = DEFAULT_HOSTS_FILE): string {
  const fileFlag = file === DEFAULT_HOSTS_FILE ? '' : ` --hosts-file ${shellWord(file)}`;
  return `sudo ${shellWord(process.execPath)} ${shellWord(pactsafsBin())} hosts --write${fileFlag}`;
}

function shellWord(word: string): string {
  return /^[\w./:@=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The host name of a tenant's host form (`acme.localhost`), which /etc/hosts must map. */
export function tenantHostname(tenant: Pick<TenantResource, 'urls'>): string {
  return hostNameOfUrl(tenant.urls.host);
}

/** `127.0.0.1 <name>` (what the pact CLI uses) and `::1 <name>` for each host name: the platform listens on both, and an IPv6 lookup finding no line would go on to DNS. */
export function hostsLines(hostnames: readonly string[]): string[] {
  return hostnames.flatMap((name) => [`127.0.0.1 ${name}`, `::1 ${name}`]);
}

/** The file's text with the marked block holding exactly `lines` (no block when there are none); other lines untouched. */
export function withHostsBlock(current: string, lines: readonly string[], file = DEFAULT_HOSTS_FILE): string {
  const block = lines.length > 0 ? [BLOCK_BEGIN, BLOCK_NOTE, ...lines, BLOCK_END] : [];
  const existing = current.split('\n');
  const begin = existing.findIndex((line) => line.trim() === BLOCK_BEGIN);
  if (begin === -1) {
    if (block.length === 0) return current;
    const separator = current === '' || current.endsWith('\n') ? '' : '\n';
    return `${current}${separator}${block.join('\n')}\n`;
  }
  const end = existing.findIndex((line, index) => index > begin && line.trim() === BLOCK_END);
  if (end === -1) {
    throw new CliError(`${file} has a "${BLOCK_BEGIN}" line but no "${BLOCK_END}" line after it; repair the block by hand, then run this again.`);
  }
  existing.splice(begin, end - begin + 1, ...block);
  return existing.join('\n');
}

/** True when some line of a hosts file maps `hostname` to an address (comments ignored). */
export function hostsFileMaps(content: string, hostname: string): boolean {
  const wanted = hostname.toLowerCase();
  return content.split('\n').some((line) => {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    return address !== undefined && address !== '' && names.some((name) => name.toLowerCase() === wanted);
  });
}

/** The hosts file's text; a missing file reads as empty (a new one is created on write). */
export async function readHostsFile(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new CliError(`Cannot read ${file}: ${error.message}.`);
  });
}

/**
 * Replaces the file atomically (temp file beside it, then rename) keeping its mode. Inside a
 * container /etc/hosts is a bind mount, which cannot be renamed over (EBUSY): there it is
 * rewritten in place.
 */
export async function writeHostsFile(file: string, content: string): Promise<void> {
  const mode = (await stat(file).catch(() => undefined))?.mode ?? 0o644;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.pactsafs-${process.pid}`);
  try {
    await writeFile(temp, content, { mode: 0o600 });
    await chmod(temp, mode & 0o7777);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'EBUSY' || code === 'EXDEV') return writeFile(file, content);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new CliError(`Not allowed to write ${file}: run \`${sudoHostsWriteCommand(file)}\`.`, undefined, { cause: error });
    }
    throw new CliError(`Cannot write ${file}: ${(error as Error).message}.`, undefined, { cause: error });
  }
}
