import type { Badge } from './badge-svg.js';

/**
 * What the badges say, as the Ruby broker words it (`badges/service.rb`,
 * `verifications/pseudo_branch_status.rb`): pure functions of what the database holds.
 */

/** The state of an integration's latest pact (of a tag) that a pact badge reports. */
export type PactStatus = 'verified' | 'failed' | 'failed-pending' | 'changed' | 'unknown';

/** The facts of the verification a pact badge reports on. */
export interface ReportedVerification {
  success: boolean;
  /** Whether the pact was pending when verified: its failure does not fail the provider's build. */
  pactPending: boolean;
  /** The content it verified. */
  sha: string;
}

/**
 * `changed` when the verification succeeded for other content than the latest pact's (the pact
 * changed since), `unknown` when nothing was ever verified.
 */
export function pactStatus(latestPactSha: string, verification: ReportedVerification | undefined): PactStatus {
  if (!verification) return 'unknown';
  if (verification.success) return verification.sha === latestPactSha ? 'verified' : 'changed';
  return verification.pactPending ? 'failed-pending' : 'failed';
}

const STATUS_MESSAGES: Record<PactStatus, Pick<Badge, 'message' | 'color'>> = {
  verified: { message: 'verified', color: 'brightgreen' },
  failed: { message: 'failed', color: 'red' },
  'failed-pending': { message: 'failed (pending)', color: 'red' },
  changed: { message: 'changed', color: 'orange' },
  unknown: { message: 'unknown', color: 'lightgrey' },
};

/** The names a pact badge shows, with the tags of the matrix badge. */
export interface PactBadgeNames {
  consumerName: string;
  providerName: string;
  consumerTag?: string;
  providerTag?: string;
}

/** How the left text is asked for: `?label=consumer|provider` picks one name, `?initials=true` shortens them. */
export interface LabelOptions {
  label: string | undefined;
  initials: boolean;
}

/**
 * The badge of a pact: "foo/bar pact" (or one name for `label=consumer|provider`; any other label
 * shows both, as the Ruby broker does), lower case, with its status.
 */
export function pactBadge(names: PactBadgeNames, status: PactStatus, { label, initials }: LabelOptions): Badge {
  const consumer = prepareName(names.consumerName, initials, names.consumerTag);
  const provider = prepareName(names.providerName, initials, names.providerTag);
  const which = label?.toLowerCase();
  const title = which === 'consumer' ? consumer : which === 'provider' ? provider : `${consumer}/${provider}`;
  return { label: `${title} pact`.toLowerCase(), ...STATUS_MESSAGES[status] };
}

/** The badge for a pact that does not exist; it ignores the label, as the Ruby broker's static one does. */
export const PACT_NOT_FOUND_BADGE: Badge = { label: 'pact not found', message: 'unknown', color: 'lightgrey' };

/** The can-i-deploy badge: `?label=` replaces the left text; not deployable and unknown are both red. */
export function canIDeployBadge(message: string, label: string | undefined, deployable: boolean | null): Badge {
  return { label: label ?? 'can-i-deploy', message, color: deployable === true ? 'brightgreen' : 'red' };
}

/** The can-i-merge badge (RB `badges/service.rb#can_i_merge_badge_url`): no label option; unknown is grey, unlike can-i-deploy's. */
export function canIMergeBadge(deployable: boolean | null): Badge {
  if (deployable === null) return { label: 'can-i-merge', message: 'unknown', color: 'lightgrey' };
  return deployable ? { label: 'can-i-merge', message: 'success', color: 'brightgreen' } : { label: 'can-i-merge', message: 'failed', color: 'red' };
}

/** A grey badge saying what went wrong: the badge still renders in the README. */
export function errorBadge(label: string, message: string): Badge {
  return { label, message, color: 'lightgrey' };
}

/**
 * The name in lower case, or with `initials` the first letter of each word (words split on spaces,
 * dashes and underscores, else on camel case): "my-foo_service" → "mfs", "FooBar" → "fb".
 */
export function prepareName(name: string, initials: boolean, tag?: string): string {
  const suffix = tag === undefined ? '' : ` (${tag})`;
  if (initials) {
    let words = splitLikeRuby(name, /[\s_-]/);
    if (words.length === 1) words = splitCamelCase(name);
    if (words.length > 1) return words.map((word) => word.charAt(0)).join('').toLowerCase() + suffix;
  }
  return name.toLowerCase() + suffix;
}

function splitCamelCase(name: string): string[] {
  const separated = name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_');
  return splitLikeRuby(separated, /_/);
}

/** Splits as Ruby's `String#split` does: trailing empty words are dropped, so "foo-" is one word. */
function splitLikeRuby(text: string, separator: RegExp): string[] {
  const words = text.split(separator);
  while (words.length > 0 && words.at(-1) === '') words.pop();
  return words;
}
