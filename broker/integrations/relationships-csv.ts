import type { IntegrationRow } from './integration-repository.js';

/**
 * RB `relationships_csv_decorator.rb`, the data of the network diagram: one row per pacticipant in
 * order of first appearance, `id,name,1,1,0,order`, then the ids of the providers it consumes,
 * every row padded with 0 to the longest; no integrations, no rows.
 */
export function relationshipsCsv(integrations: readonly IntegrationRow[]): string {
  const rows = new Map<number, (string | number)[]>();
  const rowOf = (id: number, name: string) => {
    const existing = rows.get(id);
    if (existing) return existing;
    const row = [id, name, 1, 1, 0, rows.size + 1];
    rows.set(id, row);
    return row;
  };
  for (const { consumerId, consumerName, providerId, providerName } of integrations) {
    const consumerRow = rowOf(consumerId, consumerName);
    rowOf(providerId, providerName);
    consumerRow.push(providerId);
  }
  const width = Math.max(0, ...[...rows.values()].map((row) => row.length));
  return [...rows.values()].map((row) => [...row, ...Array<number>(width - row.length).fill(0)].map(csvField).join(',') + '\n').join('');
}

/** Ruby CSV's quoting: a field with a comma, quote or line break (or an empty one) in double quotes, quotes doubled. */
function csvField(value: string | number): string {
  const text = String(value);
  return text === '' || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RB `groups/service.rb#find_group_containing`: the integrations reachable from the pacticipant through
 * integrations, widening one step at a time, stopping once `maxPacticipants` are connected.
 */
export async function integrationsConnectedTo(
  pacticipantId: number,
  maxPacticipants: number | undefined,
  integrationsOf: (pacticipantIds: readonly number[]) => Promise<IntegrationRow[]>,
): Promise<IntegrationRow[]> {
  const found = new Map<number, IntegrationRow>();
  const connected = new Set([pacticipantId]);
  let frontier = [pacticipantId];
  while (frontier.length > 0) {
    const added = (await integrationsOf(frontier)).filter((integration) => !found.has(integration.id));
    for (const integration of added) found.set(integration.id, integration);
    const ids = added.flatMap((integration) => [integration.consumerId, integration.providerId]);
    frontier = [...new Set(ids)].filter((id) => !connected.has(id));
    for (const id of frontier) connected.add(id);
    if (maxPacticipants !== undefined && connected.size >= maxPacticipants) break;
  }
  return [...found.values()].sort((a, b) => a.id - b.id);
}
