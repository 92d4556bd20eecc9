import { DEFAULT_HOSTS_FILE, hostsLines, readHostsFile, tenantHostname, withHostsBlock, writeHostsFile } from '../hosts-file.js';
import { printJson } from '../output.js';
import type { Command } from './command.js';

/** `pactsafs hosts [--write] [--hosts-file FILE]`: the lines the pact CLI needs for every tenant's host form. */
export const hostsCommand: Command = async ({ invocation, io, platform }) => {
  const { tenants } = await (await platform()).listTenants();
  const lines = hostsLines([...new Set(tenants.map(tenantHostname))]);
  const { json, write } = invocation.flags;
  if (!write) {
    if (json) return printJson(io, { hostsLines: lines });
    if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
    else io.stderr.write('No tenants yet: no lines to add.\n');
    return;
  }
  const file = invocation.flags.hostsFile ?? DEFAULT_HOSTS_FILE;
  const current = await readHostsFile(file);
  const next = withHostsBlock(current, lines, file);
  const changed = next !== current;
  if (changed) await writeHostsFile(file, next);
  if (json) return printJson(io, { file, hostsLines: lines, changed });
  const count = `${tenants.length} tenant${tenants.length === 1 ? '' : 's'}`;
  io.stdout.write(changed ? `Wrote the pactsafs block of ${file} (${count}).\n` : `${file} is up to date (${count}).\n`);
};
