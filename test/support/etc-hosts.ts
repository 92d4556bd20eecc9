import { readFile, writeFile } from 'node:fs/promises';

const MARK = '# pactsafs-test';

/** True when this process may edit /etc/hosts (root). */
export function canEditHosts(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Adds `127.0.0.1 <name>` lines for host names the static pact CLI cannot resolve otherwise
 * (it reads only /etc/hosts and DNS). Returns a function that removes exactly those lines.
 */
export async function addHostsEntries(names: string[]): Promise<() => Promise<void>> {
  const marker = `${MARK}-${process.pid}`;
  const current = await readFile('/etc/hosts', 'utf8');
  const lines = names.map((name) => `127.0.0.1 ${name} ${marker}`);
  await writeFile('/etc/hosts', `${current.replace(/\n?$/, '\n')}${lines.join('\n')}\n`);
  return async () => {
    const now = await readFile('/etc/hosts', 'utf8');
    await writeFile('/etc/hosts', now.split('\n').filter((line) => !line.endsWith(marker)).join('\n'));
  };
}
