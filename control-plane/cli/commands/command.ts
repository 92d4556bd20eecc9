import type { ApiClient, Tenant } from '../api-client.js';
import type { Invocation } from '../arguments.js';
import type { ExitCodeValue } from '../cli-errors.js';
import type { Io } from '../output.js';

export interface CommandContext {
  invocation: Invocation;
  io: Io;
  /** The platform's API, configured on first use: `help` and `serve` need no platform address. */
  platform(): Promise<ApiClient>;
}

/** A verb's implementation; it answers its exit code (nothing means 0) or throws a CliError. */
export type Command = (context: CommandContext) => Promise<ExitCodeValue | void>;

/** The host name of a tenant's host form (`acme.localhost`), which /etc/hosts must map. */
export function tenantHostname(tenant: Pick<Tenant, 'urls'>): string {
  return new URL(tenant.urls.host).hostname;
}
