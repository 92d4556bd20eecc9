import { appendFile, readFile, writeFile } from 'node:fs/promises';

const MARK = '# pactsafs-test';
let added = 0;

/** True when this process may edit /etc/hosts (root). */
export function canEditHosts(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Adds `127.0.0.1 <name>` lines for host names the static pact CLI cannot resolve otherwise
 * (it reads only /etc/hosts and DNS). Returns a function that removes exactly those lines.
 * Appended, not rewritten: suites run in parallel, and a read-then-write could drop another's lines.
 */
export async function addHostsEntries(names: string[]): Promise<() => Promise<void>> {
  // One marker per call: removing one call's lines leaves every other's.
  const marker = `${MARK}-${process.pid}-${(added += 1)}`;
  const current = await readFile('/etc/hosts', 'utf8');
  const lines = names.map((name) => `127.0.0.1 ${name} ${marker}`);
  await appendFile('/etc/hosts', `${current.endsWith('\n') || current === '' ? '' : '\n'}${lines.join('\n')}\n`);
  return async () => {
    const now = await readFile('/etc/hosts', 'utf8');
    await writeFile('/etc/hosts', now.split('\n').filter((line) => !line.endsWith(marker)).join('\n'));
  };
}
