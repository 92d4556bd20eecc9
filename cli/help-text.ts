import { VERBS } from './arguments.js';
import { DEFAULT_PLATFORM_URL } from './cli-config.js';

/** `pactsafs help`: the verbs, the flags every verb takes, configuration and the exit codes scripts rely on. */
export function helpText(): string {
  const verbs = Object.values(VERBS).map((spec) => `  pactsafs ${spec.usage}\n      ${spec.summary}`);
  return [
    'pactsafs: manage the tenants of a Pact Broker SafS platform',
    '',
    'Commands:',
    ...verbs,
    '',
    '`deploy acme 9292` (the old scripts\' port argument) is accepted; the port is ignored, tenants are reached by name.',
    '',
    'Flags of every command:',
    `  --url URL     the platform (default: PACTSAFS_URL, else "url" in the config file, else ${DEFAULT_PLATFORM_URL})`,
    '  -h, --help    this text',
    '',
    'Configuration:',
    '  PACTSAFS_URL            the platform\'s address',
    '  PACTSAFS_ADMIN_TOKEN    the platform\'s admin token, sent as "Authorization: Bearer <token>"',
    '  PACTSAFS_CONFIG         a JSON file {"url": "...", "adminToken": "..."} (default ~/.config/pactsafs/config.json)',
    '',
    'Exit codes:',
    '  0  done',
    '  1  the operation failed, the platform answered an error, or `doctor` found a problem',
    '  2  usage error: unknown command or flag, missing argument, confirmation refused or impossible',
    '  3  the platform cannot be reached',
    '  4  not found (no such tenant)',
    '',
  ].join('\n');
}
