import { parseArgs } from 'node:util';
import { parseRole, type PlatformRole } from '../shared/config.js';
import { UsageError } from './cli-errors.js';

/** Every flag the CLI knows; which verb takes which is in VERBS. */
const OPTIONS = {
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  runtime: { type: 'string' },
  out: { type: 'string', short: 'o' },
  file: { type: 'string' },
  follow: { type: 'boolean', short: 'f' },
  tail: { type: 'string', short: 'n' },
  db: { type: 'boolean' },
  write: { type: 'boolean' },
  'hosts-file': { type: 'string' },
  'keep-data': { type: 'boolean' },
  name: { type: 'string' },
  scope: { type: 'string' },
  'expires-at': { type: 'string' },
  'require-auth': { type: 'boolean' },
  role: { type: 'string' },
  node: { type: 'string' },
  'idle-after': { type: 'string' },
  'dry-run': { type: 'boolean' },
  keep: { type: 'string' },
  'keep-branches': { type: 'string' },
  limit: { type: 'string' },
} as const;

type FlagName = keyof typeof OPTIONS;
const GLOBAL_FLAGS: readonly FlagName[] = ['url', 'help'];

export interface VerbSpec {
  /** Operand names, required first; `optional` of them may be left out. */
  operands: readonly string[];
  optional?: number;
  flags: readonly FlagName[];
  usage: string;
  summary: string;
}

/** The verbs, in the order `pactsafs help` lists them. */
export const VERBS = {
  help: { operands: [], flags: [], usage: 'help', summary: 'this text' },
  list: { operands: [], flags: ['json'], usage: 'list [--json]', summary: 'the tenants: name, state, runtime, URL, created, last backup' },
  deploy: {
    operands: ['tenant', 'port'],
    optional: 1,
    flags: ['runtime', 'require-auth', 'idle-after', 'json'],
    usage: 'deploy <tenant> [--runtime docker|embedded] [--require-auth] [--idle-after 15m|off] [--json]',
    summary: 'create a tenant and wait until it serves (ports are allocated automatically; --require-auth: only requests with a token; --idle-after: sleep after this long without a request)',
  },
  stop: { operands: ['tenant'], flags: ['json'], usage: 'stop <tenant> [--json]', summary: 'stop a tenant; its data is kept' },
  start: { operands: ['tenant'], flags: ['json'], usage: 'start <tenant> [--json]', summary: 'start a stopped tenant over the same data' },
  status: { operands: ['tenant'], flags: ['json'], usage: 'status <tenant> [--json]', summary: "one tenant's state, runtime, addresses and dates" },
  remove: {
    operands: ['tenant'],
    flags: ['yes', 'keep-data'],
    usage: 'remove <tenant> [--yes] [--keep-data]',
    summary: 'remove a tenant and its data, after confirming on a terminal (--yes: without asking)',
  },
  backup: { operands: ['tenant'], flags: ['out'], usage: 'backup <tenant> [--out FILE]', summary: "write the tenant's data to <tenant>-data.tar (or FILE)" },
  restore: {
    operands: ['tenant'],
    flags: ['file', 'json'],
    usage: 'restore <tenant> [--file FILE] [--json]',
    summary: "replace the tenant's data with <tenant>-data.tar (or FILE)",
  },
  logs: {
    operands: ['tenant'],
    flags: ['follow', 'tail', 'db'],
    usage: 'logs <tenant> [--follow] [--tail N] [--db]',
    summary: "the broker's log (--db: a docker tenant's database log)",
  },
  move: {
    operands: ['tenant'],
    flags: ['node', 'json'],
    usage: 'move <tenant> --node NODE [--json]',
    summary: "move a swarm tenant's data to another node (its id or host name): a backup, a new database there, a restore; the tenant answers 503 meanwhile",
  },
  url: { operands: ['tenant'], flags: ['json'], usage: 'url <tenant> [--json]', summary: "the tenant's addresses: host form and path form" },
  hosts: {
    operands: [],
    flags: ['write', 'hosts-file', 'json'],
    usage: 'hosts [--write] [--hosts-file FILE] [--json]',
    summary: 'the /etc/hosts lines for every tenant (--write: keep them in a marked block)',
  },
  token: {
    operands: ['action', 'tenant', 'id'],
    optional: 1,
    flags: ['name', 'scope', 'expires-at', 'json'],
    usage: 'token create|list|revoke <tenant> [<id>] [--name NAME] [--scope read-only|read-write] [--expires-at TIME] [--json]',
    summary: "a tenant's CI tokens (pact-broker --broker-token): `create acme --name ci --scope read-write` prints one once, on stdout; `list acme`; `revoke acme <id>`",
  },
  clean: {
    operands: ['tenant'],
    flags: ['dry-run', 'keep', 'keep-branches', 'limit', 'yes', 'json'],
    usage: "clean <tenant> [--dry-run] [--keep '<json>'] [--keep-branches '<json>'] [--limit N] [--yes] [--json]",
    summary: "delete the versions no keep selector keeps (the Ruby broker's clean), with their pacts and verifications, after showing what would go and confirming on a terminal; --dry-run: only show it",
  },
  doctor: { operands: [], flags: ['hosts-file', 'json'], usage: 'doctor [--hosts-file FILE] [--json]', summary: 'check the platform, name resolution and disk space' },
  serve: {
    operands: [],
    flags: ['role'],
    usage: 'serve [--role all|gateway|control]',
    summary: 'run the platform in this process (what `npm start` runs); --role gateway: only the gateway, routes read from the swarm engine; control: only the API and dashboard',
  },
} as const satisfies Record<string, VerbSpec>;

export type Verb = keyof typeof VERBS;

export interface Flags {
  url?: string;
  help: boolean;
  json: boolean;
  yes: boolean;
  runtime?: 'docker' | 'embedded';
  out?: string;
  file?: string;
  follow: boolean;
  tail?: number;
  db: boolean;
  write: boolean;
  hostsFile?: string;
  keepData: boolean;
  name?: string;
  scope?: string;
  expiresAt?: string;
  requireAuth: boolean;
  /** `serve --role` (issue 12); main.ts reads it from the process's arguments. */
  role?: PlatformRole;
  /** `move --node` (issue 12): a swarm node's id or host name. */
  node?: string;
  /** `deploy --idle-after` (issue 13): `15m`, `off`; the platform checks it. */
  idleAfter?: string;
  /** `clean --dry-run` (team issue 14): only show what would go. */
  dryRun: boolean;
  /** `clean --keep`, `--keep-branches`: JSON arrays of keep selectors; the platform checks them. */
  keep?: string;
  keepBranches?: string;
  /** `clean --limit`: at most this many versions go. */
  limit?: number;
}

export interface Invocation {
  verb: Verb;
  /** Operands by their names in VERBS (`tenant`, `port`). */
  operands: Record<string, string>;
  flags: Flags;
}

/** Parses the command line; anything it cannot make sense of is a UsageError (exit code 2). */
export function parseArguments(args: readonly string[]): Invocation {
  const { values, positionals } = parseStrictly(args);
  const [word = 'help', ...rest] = positionals;
  if (!Object.hasOwn(VERBS, word)) {
    throw new UsageError(`Unknown command "${word}". The commands are: ${Object.keys(VERBS).join(', ')} (see \`pactsafs help\`).`);
  }
  const verb = word as Verb;
  const spec: VerbSpec = VERBS[verb];
  const misplaced = (Object.keys(values) as FlagName[]).filter((flag) => !spec.flags.includes(flag) && !GLOBAL_FLAGS.includes(flag));
  if (misplaced.length > 0 && !values.help) {
    throw new UsageError(`\`pactsafs ${verb}\` takes no --${misplaced[0]} flag. Usage: pactsafs ${spec.usage}`);
  }
  return { verb, operands: values.help ? {} : namedOperands(verb, spec, rest), flags: toFlags(values) };
}

function parseStrictly(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const flag = /'(-[^']*)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) throw new UsageError(`Unknown flag ${flag} (see \`pactsafs help\`).`);
    const long = /--[a-z-]+/.exec(message)?.[0];
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && long) {
      const what = message.includes('does not take') ? 'takes no value' : 'needs a value';
      throw new UsageError(`The flag ${long} ${what} (see \`pactsafs help\`).`);
    }
    throw new UsageError(message);
  }
}

function namedOperands(verb: Verb, spec: VerbSpec, given: string[]): Record<string, string> {
  const required = spec.operands.length - (spec.optional ?? 0);
  if (given.length < required) {
    throw new UsageError(`\`pactsafs ${verb}\` needs a <${spec.operands[given.length]}>. Usage: pactsafs ${spec.usage}`);
  }
  if (given.length > spec.operands.length) {
    throw new UsageError(`Unexpected argument "${given[spec.operands.length]}". Usage: pactsafs ${spec.usage}`);
  }
  return Object.fromEntries(given.map((value, index) => [spec.operands[index], value]));
}

function toFlags(values: ReturnType<typeof parseStrictly>['values']): Flags {
  return {
    url: values.url,
    help: values.help ?? false,
    json: values.json ?? false,
    yes: values.yes ?? false,
    runtime: runtimeFlag(values.runtime),
    out: values.out,
    file: values.file,
    follow: values.follow ?? false,
    tail: tailFlag(values.tail),
    db: values.db ?? false,
    write: values.write ?? false,
    hostsFile: values['hosts-file'],
    keepData: values['keep-data'] ?? false,
    name: values.name,
    scope: values.scope,
    expiresAt: values['expires-at'],
    requireAuth: values['require-auth'] ?? false,
    role: roleFlag(values.role),
    node: values.node,
    idleAfter: values['idle-after'],
    dryRun: values['dry-run'] ?? false,
    keep: values.keep,
    keepBranches: values['keep-branches'],
    limit: limitFlag(values.limit),
  };
}

function runtimeFlag(value: string | undefined): Flags['runtime'] {
  if (value === undefined || value === 'docker' || value === 'embedded') return value;
  throw new UsageError(`--runtime must be docker or embedded, not "${value}".`);
}

function roleFlag(value: string | undefined): PlatformRole | undefined {
  if (value === undefined) return undefined;
  try {
    return parseRole(value);
  } catch {
    throw new UsageError(`--role must be all, gateway or control, not "${value}".`);
  }
}

function limitFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--limit takes a number of versions, for example --limit 500; got "${value}".`);
  return Number(value);
}

function tailFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--tail takes a number of lines, for example --tail 100; got "${value}".`);
  return Number(value);
}

/** The operand a verb's spec guarantees (the parser refused the command line without it). */
export function operand(invocation: Invocation, name: string): string {
  const value = invocation.operands[name];
  if (value === undefined) throw new UsageError(`\`pactsafs ${invocation.verb}\` needs a <${name}>. Usage: pactsafs ${VERBS[invocation.verb].usage}`);
  return value;
}
