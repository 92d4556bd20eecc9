import type { TenantResource } from '../../control-plane/api/contract.js';
import { operand, VERBS } from '../arguments.js';
import { UsageError } from '../cli-errors.js';
import { hostsLines, sudoHostsWriteCommand, tenantHostname } from '../hosts-file.js';
import { formatDate, printJson, renderTable, wrapText, type Io } from '../output.js';
import type { Command } from './command.js';

/** `pactsafs list`: NAME STATE RUNTIME URL CREATED LAST BACKUP. */
export const listCommand: Command = async ({ invocation, io, platform }) => {
  const answer = await (await platform()).listTenants();
  if (invocation.flags.json) return printJson(io, answer);
  if (answer.tenants.length === 0) {
    io.stdout.write('No tenants yet. Create one with `pactsafs deploy <tenant>`.\n');
    return;
  }
  const rows = answer.tenants.map((tenant) => [
    tenant.name,
    tenant.state,
    tenant.runtime,
    tenant.url,
    formatDate(tenant.createdAt),
    formatDate(tenant.lastBackupAt),
  ]);
  io.stdout.write(renderTable(['NAME', 'STATE', 'RUNTIME', 'URL', 'CREATED', 'LAST BACKUP'], rows));
};

/** `pactsafs deploy <tenant> [port]`: creates the tenant and answers once it serves. */
export const deployCommand: Command = async ({ invocation, io, platform }) => {
  const name = operand(invocation, 'tenant');
  const port = invocation.operands.port;
  if (port !== undefined) {
    if (!/^\d+$/.test(port)) throw new UsageError(`Unexpected argument "${port}". Usage: pactsafs ${VERBS.deploy.usage}`);
    // The old scripts took a port per tenant; the gateway now reaches every tenant by name on one port.
    io.stderr.write(`Note: ports are allocated automatically; ${port} is ignored and the tenant is reached by name.\n`);
  }
  const { runtime, requireAuth, idleAfter } = invocation.flags;
  const body = { name, ...(runtime ? { runtime } : {}), ...(requireAuth && { requireAuth }), ...(idleAfter !== undefined && { idleAfter }) };
  const tenant = await (await platform()).createTenant(body);
  printTenantOutcome(io, tenant, invocation.flags.json);
};

/** `pactsafs stop <tenant>`. */
export const stopCommand: Command = async ({ invocation, io, platform }) => {
  const tenant = await (await platform()).stopTenant(operand(invocation, 'tenant'));
  printTenantOutcome(io, tenant, invocation.flags.json);
};

/** `pactsafs start <tenant>`. */
export const startCommand: Command = async ({ invocation, io, platform }) => {
  const tenant = await (await platform()).startTenant(operand(invocation, 'tenant'));
  printTenantOutcome(io, tenant, invocation.flags.json);
};

/** `pactsafs move <tenant> --node NODE` (issue 12): answers once the data serve from the other node. */
export const moveCommand: Command = async ({ invocation, io, platform }) => {
  const name = operand(invocation, 'tenant');
  const node = invocation.flags.node;
  if (!node) throw new UsageError(`\`pactsafs move\` needs --node NODE (a swarm node's id or host name). Usage: pactsafs ${VERBS.move.usage}`);
  const tenant = await (await platform()).moveTenant(name, node);
  if (!invocation.flags.json) io.stdout.write(`The data of tenant ${tenant.name} are now on node ${tenant.node ?? node}.\n`);
  printTenantOutcome(io, tenant, invocation.flags.json);
};

/** `pactsafs status <tenant>`: the tenant resource, one field a line. */
export const statusCommand: Command = async ({ invocation, io, platform }) => {
  const tenant = await (await platform()).getTenant(operand(invocation, 'tenant'));
  if (invocation.flags.json) return printJson(io, tenant);
  const rows = [
    ['name', tenant.name],
    ['state', tenant.state],
    ['runtime', tenant.runtime],
    ['host form', tenant.urls.host],
    ['path form', tenant.urls.path],
    ['created', formatDate(tenant.createdAt)],
    ['updated', formatDate(tenant.updatedAt)],
    ['last backup', formatDate(tenant.lastBackupAt)],
    // Issue 13: when it sleeps without requests.
    ['idle after', tenant.idleAfter ?? "the platform's (PACTSAFS_IDLE_AFTER)"],
    ...(tenant.reason ? [['reason', tenant.reason]] : []),
  ];
  io.stdout.write(rows.map(([key = '', value = '']) => `${key.padEnd(13)}${value}`).join('\n') + '\n');
};

/** `pactsafs url <tenant>`: both addresses, and what the host form needs for the pact CLI. */
export const urlCommand: Command = async ({ invocation, io, platform }) => {
  const tenant = await (await platform()).getTenant(operand(invocation, 'tenant'));
  const lines = hostsLines([tenantHostname(tenant)]);
  if (invocation.flags.json) return printJson(io, { name: tenant.name, host: tenant.urls.host, path: tenant.urls.path, hostsLines: lines });
  // The path form first (team issue 16): it works for every client, while the pact CLI waits ~64 s
  // before failing on a host form that /etc/hosts does not map.
  const explanation =
    'The path form needs nothing and serves browsers, curl, clients that follow links and pact-broker publish, ' +
    `but some pact CLI commands (get-pacts) drop its /t/${tenant.name} prefix. The host form suits the pact CLI, ` +
    `a static binary that resolves names only through /etc/hosts and DNS: it needs the lines "${lines.join('" and "')}" ` +
    'in /etc/hosts (without them it waits about 64 s, then fails); this command adds them:';
  const head = `path form: ${tenant.urls.path}\nhost form: ${tenant.urls.host}\n\n`;
  io.stdout.write(`${head}${wrapText(explanation)}\n  ${sudoHostsWriteCommand()}\n`);
};

/** What deploy, stop, start and restore print: the tenant as JSON, or a sentence with its addresses. */
export function printTenantOutcome(io: Io, tenant: TenantResource, json: boolean): void {
  if (json) return printJson(io, tenant);
  const where = tenant.state === 'running' ? ` at ${tenant.urls.host} (path form: ${tenant.urls.path})` : '';
  const reason = tenant.reason ? `: ${tenant.reason}` : '';
  io.stdout.write(`Tenant ${tenant.name} is ${tenant.state} (${tenant.runtime})${where}${reason}.\n`);
}
