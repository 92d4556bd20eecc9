import type { CleanPlan, CleanRequest } from '../../control-plane/api/contract.js';
import { operand } from '../arguments.js';
import { UsageError } from '../cli-errors.js';
import { confirm } from '../confirm.js';
import { printJson, renderTable, type Io } from '../output.js';
import type { Command } from './command.js';

/**
 * `pactsafs clean <tenant> [--dry-run] [--keep JSON] [--keep-branches JSON] [--limit N]` (team
 * issue 14): always shows what would go first (a dry run), then, unless --dry-run, deletes it once
 * confirmed on a terminal (--yes: without asking).
 */
export const cleanCommand: Command = async ({ invocation, io, platform }) => {
  const name = operand(invocation, 'tenant');
  const { dryRun, yes, json } = invocation.flags;
  if (!dryRun && !yes && !io.stdin.isTTY) {
    throw new UsageError(`Not cleaning tenant ${name}: there is no terminal to confirm on. Pass --dry-run to see what would go, or --yes to clean without asking.`);
  }
  const client = await platform();
  const body = { ...keepFlags(invocation.flags), ...(invocation.flags.limit === undefined ? {} : { deletionLimit: invocation.flags.limit }) };
  if (dryRun || !yes) {
    const plan = (await client.clean(name, { ...body, dryRun: true })) as CleanPlan;
    if (dryRun) return json ? printJson(io, plan) : printPlan(io, name, plan);
    if (!json) printPlan(io, name, plan);
    if (plan.counts.versionsToDelete === 0 && plan.counts.branchesToDelete === 0 && Object.values(plan.overwrittenData).every((count) => count === 0)) {
      if (!json) io.stdout.write(`Nothing to clean in tenant ${name}.\n`);
      return;
    }
    if (!(await confirm(io, `Delete this from tenant ${name}? This cannot be undone.`))) throw new UsageError(`Nothing deleted: tenant ${name} is unchanged.`);
  }
  const result = await client.clean(name, body);
  if (json) return printJson(io, result);
  if (result.dryRun) return printPlan(io, name, result);
  const rows = Object.entries(result.tables).map(([table, counts]) => [table, String(counts.deleted), String(counts.kept)]);
  io.stdout.write(`Cleaned tenant ${name}:\n${renderTable(['TABLE', 'DELETED', 'KEPT'], rows)}`);
};

/** The selectors as given; the platform checks them and refuses bad ones with a sentence. */
function keepFlags(flags: { keep?: string; keepBranches?: string }): Pick<CleanRequest, 'keep' | 'keepBranches'> {
  const parsed: Record<string, unknown> = {};
  for (const [field, flag, text] of [['keep', '--keep', flags.keep], ['keepBranches', '--keep-branches', flags.keepBranches]] as const) {
    if (text === undefined) continue;
    try {
      parsed[field] = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${flag} takes a JSON array of selectors, for example '[{"latest": true}, {"branch": "main", "maxAge": 30}]': ${(error as Error).message}.`);
    }
  }
  return parsed;
}

function printPlan(io: Io, name: string, plan: CleanPlan): void {
  const { counts, versionSummary, overwrittenData } = plan;
  io.stdout.write(
    `A clean of tenant ${name} would delete ${counts.versionsToDelete} of ${counts.totalVersions} versions (at most ${plan.deletionLimit} a run; ${counts.versionsNotToKeep} are not kept),` +
      ` ${counts.branchesToDelete} of ${counts.totalBranches} branches, and overwritten data: ${overwrittenData.pact_publications} pacts, ${overwrittenData.verifications} verifications, ${overwrittenData.triggered_webhooks} webhook logs.\n`,
  );
  io.stdout.write(`Kept: ${plan.keep.map((selector) => JSON.stringify(selector)).join(' ')}\n`);
  const rows = Object.entries(versionSummary).map(([pacticipant, summary]) => [
    pacticipant,
    String(summary.toDelete.count),
    summary.toDelete.fromVersion ? `${summary.toDelete.fromVersion.number} .. ${summary.toDelete.toVersion?.number ?? ''}` : '-',
    String(summary.toKeep.count),
    summary.toKeep.firstVersion ? `${summary.toKeep.firstVersion.number} .. ${summary.toKeep.latestVersion?.number ?? ''}` : '-',
  ]);
  io.stdout.write(renderTable(['PACTICIPANT', 'DELETE', 'VERSIONS', 'KEEP', 'VERSIONS'], rows));
}
