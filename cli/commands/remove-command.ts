import { operand } from '../arguments.js';
import { UsageError } from '../cli-errors.js';
import { confirm } from '../confirm.js';
import type { Command } from './command.js';

/** `pactsafs remove <tenant>`: asks on a terminal; without one it needs --yes (docs/decisions.md#settled-details). */
export const removeCommand: Command = async ({ invocation, io, platform }) => {
  const name = operand(invocation, 'tenant');
  const { yes, keepData } = invocation.flags;
  if (!yes && !io.stdin.isTTY) {
    throw new UsageError(`Not removing tenant ${name}: there is no terminal to confirm on. Pass --yes to remove it without asking.`);
  }
  const client = await platform();
  if (!yes) {
    // An unknown tenant is "not found" (exit 4) before any question is asked.
    await client.getTenant(name);
    const question = keepData
      ? `Remove tenant ${name}? Its data folder is kept.`
      : `Remove tenant ${name} and all its data? This cannot be undone.`;
    if (!(await confirm(io, question))) throw new UsageError(`Nothing removed: tenant ${name} is kept.`);
  }
  await client.removeTenant(name, { keepData });
  io.stdout.write(keepData ? `Tenant ${name} is removed; its data folder is kept.\n` : `Tenant ${name} is removed, with its data.\n`);
};
