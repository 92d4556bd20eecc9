import type { TokenScope } from '../../control-plane/tokens/stored-token.js';
import { operand, VERBS } from '../arguments.js';
import { UsageError } from '../cli-errors.js';
import { formatDate, printJson, renderTable } from '../output.js';
import type { Command, CommandContext } from './command.js';

/** `pactsafs token create|list|revoke <tenant> [<id>]` (issue 11): a tenant's CI tokens through /api/tenants/<t>/tokens. */
export const tokenCommand: Command = async (context) => {
  const action = operand(context.invocation, 'action');
  if (action === 'create') return createToken(context);
  if (action === 'list') return listTokens(context);
  if (action === 'revoke') return revokeToken(context);
  throw new UsageError(`\`pactsafs token\` takes create, list or revoke, not "${action}". Usage: pactsafs ${VERBS.token.usage}`);
};

/** Prints the secret alone on stdout (`TOKEN=$(pactsafs token create ...)` works) and what to do with it on stderr. */
async function createToken({ invocation, io, platform }: CommandContext): Promise<void> {
  const tenant = operand(invocation, 'tenant');
  const { name, scope, expiresAt, json } = invocation.flags;
  noId(invocation.operands.id);
  if (name === undefined || scope === undefined) {
    throw new UsageError(`\`pactsafs token create\` needs --name and --scope. Usage: pactsafs ${VERBS.token.usage}`);
  }
  // The scope as typed: the platform refuses one it does not know with a sentence.
  const body = { name, scope: scope as TokenScope, ...(expiresAt !== undefined && { expiresAt }) };
  const created = await (await platform()).createToken(tenant, body);
  if (json) return printJson(io, created);
  io.stdout.write(`${created.token}\n`);
  const expiry = created.expiresAt ? `, expires ${formatDate(created.expiresAt)}` : '';
  io.stderr.write(
    `Token "${created.name}" (${created.scope}${expiry}, id ${created.id}) of tenant ${tenant}: keep it now, it is not shown again.\n` +
      'Use it with pact-broker --broker-token, or as PACT_BROKER_TOKEN.\n',
  );
}

async function listTokens({ invocation, io, platform }: CommandContext): Promise<void> {
  const tenant = operand(invocation, 'tenant');
  noId(invocation.operands.id);
  const answer = await (await platform()).listTokens(tenant);
  if (invocation.flags.json) return printJson(io, answer);
  if (answer.tokens.length === 0) {
    io.stdout.write(`Tenant ${tenant} has no tokens. Create one with \`pactsafs token create ${tenant} --name ci --scope read-write\`.\n`);
    return;
  }
  const rows = answer.tokens.map((token) => [token.id, token.name, token.scope, formatDate(token.createdAt), formatDate(token.expiresAt), formatDate(token.lastUsedAt)]);
  io.stdout.write(renderTable(['ID', 'NAME', 'SCOPE', 'CREATED', 'EXPIRES', 'LAST USED'], rows));
}

async function revokeToken({ invocation, io, platform }: CommandContext): Promise<void> {
  const tenant = operand(invocation, 'tenant');
  const id = operand(invocation, 'id');
  await (await platform()).revokeToken(tenant, id);
  io.stdout.write(`Token ${id} of tenant ${tenant} is revoked.\n`);
}

function noId(id: string | undefined): void {
  if (id !== undefined) throw new UsageError(`Unexpected argument "${id}". Usage: pactsafs ${VERBS.token.usage}`);
}
