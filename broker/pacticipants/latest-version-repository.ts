import type { Db, VersionRow } from '../db/index.js';

// A pacticipant's latest version, which its resource embeds (Ruby: Pacticipant#latest_version); here so
// that pacticipants/ does not import versions/, which builds on pacticipants (team issue 16, structure item 2).

/** The pacticipant's highest-order version. */
export async function findLatestVersion(db: Db, pacticipantId: number): Promise<VersionRow | undefined> {
  return db
    .selectFrom('versions')
    .selectAll()
    .where('pacticipant_id', '=', pacticipantId)
    .orderBy('order', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The highest-order version of each of the given pacticipants, keyed by pacticipant id. */
export async function findLatestVersions(db: Db, pacticipantIds: readonly number[]): Promise<Map<number, VersionRow>> {
  if (pacticipantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('versions as v')
    .selectAll('v')
    .where('v.pacticipant_id', 'in', pacticipantIds)
    .where((eb) =>
      eb(
        'v.order',
        '=',
        eb.selectFrom('versions as v2').select((s) => s.fn.max('v2.order').as('max_order')).whereRef('v2.pacticipant_id', '=', 'v.pacticipant_id'),
      ),
    )
    .execute();
  return new Map(rows.map((row) => [row.pacticipant_id, row]));
}
