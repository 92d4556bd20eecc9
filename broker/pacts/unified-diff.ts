import { changeRuns, type ChangeRun } from './lcs.js';

const CONTEXT_LINES = 3;

/**
 * pact-support's `Pact::Matchers::Differ#diff_as_string` (diff-lcs's unified hunks, 3 lines of context),
 * ported with its quirks: a blank line for every change run before the first hunk and for every run
 * merged into a hunk. The Ruby broker's pact diffs are this text (team issue 14).
 */
export function diffAsString(newText: string, oldText: string): string {
  const oldLines = rubyLines(oldText);
  const newLines = rubyLines(newText);
  const runs = changeRuns(oldLines, newLines);
  if (runs.length === 0) return '';
  let output = '';
  let oldHunk: Hunk | undefined;
  let fileLengthDifference = 0;
  for (const run of runs) {
    const hunk = new Hunk(oldLines, newLines, run, fileLengthDifference);
    fileLengthDifference = hunk.fileLengthDifference;
    if (oldHunk) {
      if (hunk.overlaps(oldHunk)) hunk.merge(oldHunk);
      else output += oldHunk.unifiedDiff();
    }
    oldHunk = hunk;
    output += '\n';
  }
  return `${output}${oldHunk?.unifiedDiff() ?? ''}\n`;
}

/** Ruby's `String#split("\n")`: trailing empty strings dropped. */
export function rubyLines(text: string): string[] {
  const lines = text.split('\n');
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** diff-lcs's `Diff::LCS::Hunk`, only what unified output needs. */
class Hunk {
  readonly blocks: ChangeRun[];
  readonly fileLengthDifference: number;
  startOld: number;
  startNew: number;
  endOld: number;
  endNew: number;

  constructor(
    private readonly oldLines: readonly string[],
    private readonly newLines: readonly string[],
    run: ChangeRun,
    before: number,
  ) {
    this.blocks = [run];
    const after = before + run.added.length - run.removed.length;
    this.fileLengthDifference = after;
    const [a1, a2, b1, b2] = [run.removed[0], run.removed.at(-1), run.added[0], run.added.at(-1)];
    this.startOld = a1 ?? (b1 as number) - before;
    this.startNew = b1 ?? (a1 as number) + before;
    this.endOld = a2 ?? (b2 as number) - after;
    this.endNew = b2 ?? (a2 as number) + after;
    const addStart = CONTEXT_LINES > this.startOld ? this.startOld : CONTEXT_LINES;
    this.startOld -= addStart;
    this.startNew -= addStart;
    const addEnd = this.endOld + CONTEXT_LINES >= oldLines.length ? oldLines.length - this.endOld - 1 : CONTEXT_LINES;
    this.endOld += addEnd;
    this.endNew += addEnd;
  }

  overlaps(hunk: Hunk): boolean {
    return this.startOld - hunk.endOld <= 1 || this.startNew - hunk.endNew <= 1;
  }

  merge(hunk: Hunk): void {
    this.startOld = hunk.startOld;
    this.startNew = hunk.startNew;
    this.blocks.unshift(...hunk.blocks);
  }

  unifiedDiff(): string {
    const header = `@@ -${this.range(this.startOld, this.endOld, this.oldLines)} +${this.range(this.startNew, this.endNew, this.newLines)} @@\n`;
    const lines = this.oldLines.slice(this.startOld, this.endOld + 1).map((line) => ` ${line}`);
    let added = 0;
    let removed = 0;
    for (const block of this.blocks) {
      for (const position of block.removed) {
        const offset = position - this.startOld + added;
        lines[offset] = `-${(lines[offset] ?? '').slice(1)}`;
        removed++;
      }
      for (const position of block.added) {
        lines.splice(position - this.startNew + removed, 0, `+${this.newLines[position] ?? ''}`);
        added++;
      }
    }
    return header + lines.join('\n');
  }

  private range(start: number, end: number, lines: readonly string[]): string {
    if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) return '0,0';
    const length = end - start + 1;
    return length <= 1 ? String(end + 1) : `${start + 1},${length}`;
  }
}
