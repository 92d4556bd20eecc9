import { pactUrl } from '../hal/index.js';
import { distanceOfTimeInWords, localDateInWords } from './date-in-words.js';
import type { PactJson } from './pact-content.js';
import { pactName } from './pact-decorator.js';
import { formattedPactDiff } from './pact-diff.js';
import type { PactRowWithContent } from './pact-repository.js';
import { parsePactJson } from './ruby-json.js';

/** What the diff of a pact with another is made of (RB pacts/diff.rb `DiffDecorator`). */
export interface PactComparison {
  pact: PactRowWithContent;
  comparison: PactRowWithContent;
  /** The pact after `comparison`: when its changes were first published. */
  changedAt: Date;
  now: Date;
  baseUrl: string;
}

/** The diff as the Ruby broker prints it: a Markdown heading, when, the formatted diff, and YAML links (team issue 14). */
export function pactDiffText({ pact, comparison, changedAt, now, baseUrl }: PactComparison): string {
  const title = `# Diff between versions ${comparison.consumerVersionNumber} and ${pact.consumerVersionNumber} of the pact between ${pact.consumerName} and ${pact.providerName}`;
  const description = `The following changes were made ${distanceOfTimeInWords(changedAt, now)} ago (${localDateInWords(changedAt)})`;
  const diff = formattedPactDiff(parsePactJson(pact.content) as PactJson, parsePactJson(comparison.content) as PactJson);
  const links = yamlLinks({ 'pact-version': pact, 'comparison-pact-version': comparison }, baseUrl);
  return `${title}\n\n${description}\n\n${diff}\n\n## Links\n${links}`;
}

/** RB `no_previous_version_message`. */
export function noPreviousVersionText(pact: PactRowWithContent): string {
  return `No previous distinct version was found for ${pactName(pact)}`;
}

/** `YAML.dump(links).gsub(/---/, "")` of `{name => {title, name, href}}`. */
function yamlLinks(links: Record<string, PactRowWithContent>, baseUrl: string): string {
  const entries = Object.entries(links).map(
    ([relation, pact]) => `${relation}:\n  title: Pact\n  name: ${yamlScalar(pactName(pact))}\n  href: ${yamlScalar(pactUrl(baseUrl, pact))}\n`,
  );
  return `\n${entries.join('')}`;
}

/** A string as Psych writes it: plain when that reads back the same, else single-quoted. */
function yamlScalar(text: string): string {
  const plain = text !== '' && !/^[\s\-?:,[\]{}#&*!|>'"%@`]|: |\s#|\s$|[\n\r\t]|^(true|false|yes|no|on|off|null|~|[-+.\d][\d._:eE+-]*)$/i.test(text);
  return plain ? text : `'${text.replace(/'/g, "''")}'`;
}
