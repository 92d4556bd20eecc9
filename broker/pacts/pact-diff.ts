import { canonicalJson, withoutInteractionIds, type PactJson } from './pact-content.js';

/** Beyond this many line pairs the diff lists removed and added lines without aligning them. */
const MAX_ALIGNED_CELLS = 4_000_000;

/**
 * A line diff of two pacts (keys sorted, broker `_id`s removed) for the 409 notice that shows
 * what changed: unchanged lines indented, removed lines `-`, added lines `+`.
 */
export function diffPacts(previous: PactJson, next: PactJson): string {
  const lines = (pact: PactJson) => JSON.stringify(JSON.parse(canonicalJson(withoutInteractionIds(pact))), null, 2).split('\n');
  const before = lines(previous);
  const after = lines(next);
  if (before.length * after.length > MAX_ALIGNED_CELLS) {
    const removed = before.filter((line) => !after.includes(line)).map((line) => `- ${line}`);
    const added = after.filter((line) => !before.includes(line)).map((line) => `+ ${line}`);
    return [...removed, ...added].join('\n');
  }
  return alignedDiff(before, after).join('\n');
}

/** Longest-common-subsequence alignment of two line lists. */
function alignedDiff(before: string[], after: string[]): string[] {
  const rows = before.length + 1;
  const cols = after.length + 1;
  const common = new Uint32Array(rows * cols);
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      common[i * cols + j] =
        before[i] === after[j] ? (common[(i + 1) * cols + j + 1] ?? 0) + 1 : Math.max(common[(i + 1) * cols + j] ?? 0, common[i * cols + j + 1] ?? 0);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      out.push(`  ${before[i++]}`);
      j++;
    } else if (i < before.length && (j === after.length || (common[(i + 1) * cols + j] ?? 0) >= (common[i * cols + j + 1] ?? 0))) {
      out.push(`- ${before[i++]}`);
    } else {
      out.push(`+ ${after[j++]}`);
    }
  }
  return out;
}
