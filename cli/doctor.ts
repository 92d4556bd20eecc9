import type { ApiClient } from '../control-plane/api/api-client.js';
import type { Health, TenantResource } from '../control-plane/api/contract.js';
import { CliError, UnreachableError } from './cli-errors.js';
import { hostsFileMaps, sudoHostsWriteCommand, tenantHostname } from './hosts-file.js';
import { formatBytes } from './output.js';

/** Where every tenant answers whatever resolves its host name. */
const PATH_FORM = '`…/t/<tenant>`, as `pactsafs url <tenant>` prints it';

/** Below this much free space, backups and tenant databases are at risk. */
export const LOW_DISK_BYTES = 1024 ** 3;

export interface Check {
  name: string;
  status: 'ok' | 'warning' | 'problem';
  detail: string;
  /** What to do about a problem or warning. */
  fix?: string;
}

/** What the doctor looks at; the real probes are in doctor-probes.ts, tests pass their own. */
export interface DoctorProbes {
  client: ApiClient;
  hostsFile: string;
  readHostsFile: (file: string) => Promise<string>;
  /** The addresses Node's resolver (getaddrinfo) gives for a host name; rejects when it gives none. */
  lookup: (hostname: string) => Promise<string[]>;
  /** Free bytes for unprivileged users on the file system of a folder. */
  freeBytes: (dir: string) => Promise<number>;
  /** The current folder: `pactsafs backup` writes there. */
  cwd: string;
}

export interface DoctorReport {
  checks: Check[];
  /** The platform did not answer: the exit code is 3. */
  unreachable: boolean;
}

/** Runs every check; each problem says what is wrong and how to fix it. */
export async function runDoctor(probes: DoctorProbes): Promise<DoctorReport> {
  const checks: Check[] = [];
  const platform = await platformCheck(probes.client);
  checks.push(platform.check);
  const tenants = platform.tenants ?? [];
  if (platform.tenants) checks.push(tenantsCheck(tenants));
  if (platform.health) checks.push(dockerCheck(platform.health, tenants));
  if (tenants.length > 0) {
    const hostnames = [...new Set(tenants.map(tenantHostname))];
    checks.push(await nodeResolutionCheck(probes, hostnames), await hostsFileCheck(probes, hostnames));
  }
  checks.push(diskCheck(probes.cwd, await probes.freeBytes(probes.cwd).catch(() => null)));
  if (platform.health) checks.push(diskCheck(`${platform.health.dataDir} (the platform's data)`, platform.health.dataDirFreeBytes));
  return { checks, unreachable: platform.unreachable };
}

async function platformCheck(client: ApiClient): Promise<{ check: Check; health?: Health; tenants?: TenantResource[]; unreachable: boolean }> {
  const name = 'platform';
  try {
    const health = await client.health();
    const { tenants } = await client.listTenants();
    return { check: { name, status: 'ok', detail: `answers at ${client.baseUrl} (version ${health.version}, status ${health.status})` }, health, tenants, unreachable: false };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const unreachable = error instanceof UnreachableError;
    const fix = unreachable ? 'start it: `npm start` in the Pact Broker SafS checkout, or `pactsafs serve`' : undefined;
    return { check: { name, status: 'problem', detail: error.message, fix }, unreachable };
  }
}

function tenantsCheck(tenants: TenantResource[]): Check {
  const name = 'tenants';
  const byRuntime = ['embedded', 'docker'].map((runtime) => `${tenants.filter((t) => t.runtime === runtime).length} ${runtime}`);
  const failed = tenants.filter((tenant) => tenant.state === 'failed');
  if (failed.length === 0) return { name, status: 'ok', detail: `${tenants.length} (${byRuntime.join(', ')}), none failed` };
  const first = failed[0]?.name ?? '';
  return {
    name,
    status: 'problem',
    detail: `failed: ${failed.map((tenant) => `${tenant.name} (${tenant.reason ?? 'no reason recorded'})`).join('; ')}`,
    fix: `read its log with \`pactsafs logs ${first}\`, then \`pactsafs start ${first}\` (or \`pactsafs remove ${first}\`)`,
  };
}

/** The platform's Docker runtime, as the platform reports it (the CLI never talks to Docker itself). */
function dockerCheck(health: Health, tenants: TenantResource[]): Check {
  const name = 'docker runtime';
  if (health.runtimes.includes('docker')) return { name, status: 'ok', detail: "the platform's Docker engine answered: docker tenants can be created" };
  const docker = tenants.filter((tenant) => tenant.runtime === 'docker').map((tenant) => tenant.name);
  const fix = 'start dockerd (or set DOCKER_HOST to where an engine answers), then restart the platform';
  const detail = 'the platform found no Docker engine when it started';
  if (docker.length > 0) return { name, status: 'problem', detail: `${detail}; docker tenants: ${docker.join(', ')}`, fix };
  return { name, status: 'warning', detail: `${detail}: only embedded tenants (the default) can be created`, fix };
}

async function nodeResolutionCheck(probes: DoctorProbes, hostnames: string[]): Promise<Check> {
  const name = 'names (Node.js)';
  const failures: string[] = [];
  for (const hostname of hostnames) {
    const addresses = await probes.lookup(hostname).catch((error: NodeJS.ErrnoException) => [error.code ?? error.message]);
    if (addresses.length === 0 || !addresses.every(isLoopback)) failures.push(`${hostname} (${addresses.join(', ') || 'no address'})`);
  }
  if (failures.length === 0) return { name, status: 'ok', detail: `${hostnames.join(', ')} resolve to this machine` };
  // A warning, not a problem (team issue 16): every tenant answers at its path form whatever the resolver does.
  return {
    name,
    status: 'warning',
    detail: `Node.js does not resolve these to this machine: ${failures.join(', ')}; their path forms work (${PATH_FORM})`,
    fix: `run \`${sudoHostsWriteCommand(probes.hostsFile)}\`, or install the Debian package libnss-myhostname`,
  };
}

async function hostsFileCheck(probes: DoctorProbes, hostnames: string[]): Promise<Check> {
  const name = 'names (pact CLI)';
  const content = await probes.readHostsFile(probes.hostsFile);
  const missing = hostnames.filter((hostname) => !hostsFileMaps(content, hostname));
  if (missing.length === 0) return { name, status: 'ok', detail: `${probes.hostsFile} has a line for every tenant` };
  return {
    name,
    status: 'warning',
    detail: `${probes.hostsFile} has no line for ${missing.join(', ')}: the pact CLI (which reads only /etc/hosts and DNS) cannot use the host form, only the path form (${PATH_FORM})`,
    fix: `run \`${sudoHostsWriteCommand(probes.hostsFile)}\``,
  };
}

function diskCheck(folder: string, free: number | null): Check {
  const name = 'disk space';
  if (free === null) return { name, status: 'warning', detail: `cannot tell how much space is free in ${folder}` };
  if (free >= LOW_DISK_BYTES) return { name, status: 'ok', detail: `${formatBytes(free)} free in ${folder}` };
  return {
    name,
    status: 'problem',
    detail: `only ${formatBytes(free)} free in ${folder}: backups and tenant databases need room`,
    fix: `free some space on the file system of ${folder}`,
  };
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address) || address === '::ffff:127.0.0.1';
}
