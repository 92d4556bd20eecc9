/**
 * diff-lcs's longest common subsequence (`Diff::LCS::Internals.lcs`, Hunt–Szymanski with the common
 * prefix and suffix matched first), ported as it is so that among equally long alignments of two
 * texts we pick the one the Ruby broker prints (team issue 14).
 * Answers, for each position of `a`, the position of `b` it matches, or undefined.
 */
export function lcs(a: readonly string[], b: readonly string[]): (number | undefined)[] {
  const vector: (number | undefined)[] = [];
  let aStart = 0;
  let bStart = 0;
  let aFinish = a.length - 1;
  let bFinish = b.length - 1;
  while (aStart <= aFinish && bStart <= bFinish && a[aStart] === b[bStart]) vector[aStart++] = bStart++;
  while (aStart <= aFinish && bStart <= bFinish && a[aFinish] === b[bFinish]) vector[aFinish--] = bFinish--;

  const bMatches = new Map<string, number[]>();
  for (let j = bStart; j <= bFinish; j++) {
    const line = b[j] as string;
    bMatches.set(line, [...(bMatches.get(line) ?? []), j]);
  }
  const thresh: number[] = [];
  const links: Link[] = [];
  for (let i = aStart; i <= aFinish; i++) {
    const matches = bMatches.get(a[i] as string) ?? [];
    let k: number | undefined;
    for (let m = matches.length - 1; m >= 0; m--) {
      const j = matches[m] as number;
      // thresh[k - 1] with k = 0 is Ruby's thresh[-1], the last element.
      if (k !== undefined && (thresh[k] as number) > j && (thresh.at(k - 1) as number) < j) thresh[k] = j;
      else k = replaceNextLarger(thresh, j, k);
      if (k !== undefined) links[k] = { previous: k > 0 ? links[k - 1] : undefined, i, j };
    }
  }
  for (let link = thresh.length > 0 ? links[thresh.length - 1] : undefined; link; link = link.previous) vector[link.i] = link.j;
  return vector;
}

interface Link {
  previous: Link | undefined;
  i: number;
  j: number;
}

function replaceNextLarger(thresh: number[], value: number, lastIndex?: number): number | undefined {
  if (thresh.length === 0 || value > (thresh.at(-1) as number)) {
    thresh.push(value);
    return thresh.length - 1;
  }
  let first = 0;
  let last = lastIndex ?? thresh.length - 1;
  while (first <= last) {
    const middle = (first + last) >> 1;
    const found = thresh[middle] as number;
    if (value === found) return undefined;
    if (value > found) first = middle + 1;
    else last = middle - 1;
  }
  thresh[first] = value;
  return first;
}

/** One run of changes between two matched lines: positions removed from the old text and added from the new. */
export interface ChangeRun {
  removed: number[];
  added: number[];
}

/** `Diff::LCS.diff` with its DiffCallbacks: the runs of changes, in order. */
export function changeRuns(oldLines: readonly string[], newLines: readonly string[]): ChangeRun[] {
  const matches = lcs(oldLines, newLines);
  const runs: ChangeRun[] = [];
  let run: ChangeRun = { removed: [], added: [] };
  const finishRun = () => {
    if (run.removed.length > 0 || run.added.length > 0) runs.push(run);
    run = { removed: [], added: [] };
  };
  let j = 0;
  // A loop, not forEach: the vector has holes where old lines match nothing.
  for (let i = 0; i < matches.length; i++) {
    const match = matches[i];
    if (match === undefined) {
      run.removed.push(i);
      continue;
    }
    while (j < match) run.added.push(j++);
    finishRun();
    j++;
  }
  for (let i = matches.length; i < oldLines.length; i++) run.removed.push(i);
  while (j < newLines.length) run.added.push(j++);
  finishRun();
  return runs;
}
