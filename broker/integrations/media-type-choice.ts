import { parseAccept, type MediaRange } from '../http/index.js';

/**
 * Which of the types a resource provides the Accept header prefers, as webmachine chooses: the highest
 * quality, a tie going to the type the resource lists first, no Accept header meaning any. Undefined
 * when none is acceptable.
 */
export function chooseMediaType<T extends string>(accept: string | undefined, provided: readonly T[]): T | undefined {
  const ranges = parseAccept(accept ?? '*/*');
  let best: { type: T; quality: number } | undefined;
  for (const type of provided) {
    const quality = qualityFor(type, ranges);
    if (quality > 0 && (best === undefined || quality > best.quality)) best = { type, quality };
  }
  return best?.type;
}

function qualityFor(type: string, ranges: readonly MediaRange[]): number {
  const [major] = type.split('/');
  const matching = ranges.filter((range) => range.type === type || range.type === `${major}/*` || range.type === '*/*');
  // The most specific range decides (RFC 9110 §12.5.1).
  const specific = matching.sort((a, b) => specificity(b.type) - specificity(a.type))[0];
  return specific?.quality ?? 0;
}

function specificity(range: string): number {
  return range === '*/*' ? 0 : range.endsWith('/*') ? 1 : 2;
}
