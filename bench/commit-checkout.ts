/**
 * Another commit of this repository checked out beside it, for same-run A/B benches (team issue 13,
 * bench/broker-ab.ts): a detached git worktree under a temporary directory, removed by `remove()`.
 * `variable` names the setting that gave the commit, for the errors.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../test/support/platform-process.js';

const run = promisify(execFile);

/** A checkout of a commit of this repository. */
export interface CommitCheckout {
  dir: string;
  /** The commit's short hash, for the bench's title. */
  label: string;
  remove(): Promise<void>;
}

/** `git` in this checkout; its output trimmed. */
export async function git(...args: string[]): Promise<string> {
  return (await run('git', args, { cwd: repoRoot })).stdout.trim();
}

/** The commit `commitish` names, or a sentence saying it names none. */
async function resolveCommit(variable: string, commitish: string): Promise<string> {
  return git('rev-parse', '--verify', '--quiet', `${commitish}^{commit}`).catch(() => {
    throw new Error(`${variable}=${commitish} names no commit of this repository (try a hash, a branch, or HEAD~3)`);
  });
}

/**
 * Checks out `commitish` in a worktree of its own. Its node_modules is a symlink to this checkout's,
 * which is safe because what runs there (the broker under tsx) loads only the dependencies that
 * package-lock.json pins, and the commit's lock file must equal this tree's: otherwise this refuses.
 */
export async function checkoutCommit(variable: string, commitish: string): Promise<CommitCheckout> {
  const sha = await resolveCommit(variable, commitish);
  const sameLock = await git('diff', '--quiet', sha, '--', 'package-lock.json').then(() => true, () => false);
  if (!sameLock) throw new Error(`package-lock.json differs between ${variable}=${commitish} and this tree: that commit cannot share this checkout's node_modules, so it is not measured`);
  const parent = await mkdtemp(path.join(tmpdir(), 'pactsafs-broker-ab-'));
  const dir = path.join(parent, 'checkout');
  const remove = async () => {
    // The symlink first, so that nothing below can reach this checkout's node_modules.
    await unlink(path.join(dir, 'node_modules')).catch(() => {});
    const removed = await git('worktree', 'remove', '--force', dir).then(() => true, () => false);
    await rm(parent, { recursive: true, force: true });
    // A worktree git could not remove (one half made) keeps its record until pruned, once its directory is gone.
    if (!removed) await git('worktree', 'prune');
  };
  try {
    await git('worktree', 'add', '--detach', dir, sha);
    await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    return { dir, label: await git('rev-parse', '--short', sha), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
