/**
 * Existing names a new pacticipant name probably duplicates (e.g. `Foo` for `foo-service`): compared
 * after splitting into lower-case words, dropping a trailing `s` and the words api/provider/service.
 */
export function findPotentialDuplicateNames(newName: string, existingNames: readonly string[]): string[] {
  if (existingNames.includes(newName)) return [];
  const cleaned = clean(newName);
  return existingNames.filter((existing) => sameWords(clean(existing), cleaned));
}

/** The text of the Ruby broker's conflict message for a probable duplicate. */
export function duplicatePacticipantMessage(newName: string, duplicates: readonly string[], baseUrl: string): string {
  return [
    `This is the first time a pact has been published for "${newName}".`,
    `The name "${newName}" is very similar to the following existing pacticipants:`,
    duplicates.map((name) => `* ${name}`).join('\n'),
    'If you meant to specify one of the above names, please correct the pact configuration, and re-publish the pact.',
    `If the pact is intended to be for a new consumer or provider, please manually create "${newName}" using the following command from the Pact Broker CLI, and then re-publish the pact:`,
    '',
    `pact-broker create-or-update-pacticipant --name "${newName}" --broker-base-url ${baseUrl}`,
    '',
    'For information on the Pact Broker CLI see https://docs.pact.io/go/pbc-cli',
    'To disable this check, set `check_for_potential_duplicate_pacticipant_names` to false in the configuration.',
    '',
  ].join('\n');
}

const IGNORED_WORDS = new Set(['api', 'provider', 'service']);

function clean(name: string): string[] {
  return splitWords(name)
    .map((word) => word.replace(/s$/, ''))
    .filter((word) => !IGNORED_WORDS.has(word));
}

function splitWords(name: string): string[] {
  return name
    .replace(/\s/g, '_')
    .replace(/::/g, '/')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase()
    .replace(/_+$/, '') // Ruby's split drops trailing empty fields
    .split('_');
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((word, index) => word === b[index]);
}
