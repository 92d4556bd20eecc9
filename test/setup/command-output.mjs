// What the setup quotes when a command or a server fails. Plain JS: it runs before tsx.
import { existsSync, readFileSync } from 'node:fs';

/** An error naming `what` failed, with its exit status and the last lines of its output. */
export function commandError(what, result) {
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-10).join('\n');
  return new Error(`${what} failed (exit ${result.status}):\n${output || result.error?.message}`);
}

/** The last `count` lines of a log file, or "(no log)". */
export function lastLines(file, count) {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
}
