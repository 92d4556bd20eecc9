import { findProviderContract } from '../bi-directional/index.js';
import { providerContractLinks } from '../hal/index.js';
import type { Db, VersionRow } from '../db/index.js';
import { listEnvironments } from '../environments/index.js';
import { halJson, type BrokerContext, pageOf, requestedPage } from '../http/index.js';
import { decorateVersion } from './version-decorator.js';
import { loadVersionDetails } from './version-details.js';
import { decorateVersions } from './versions-decorator.js';

/** The version resource: at its canonical URL, or at `selfUrl` for the latest-version resources. */
export async function versionResponse(
  db: Db,
  c: BrokerContext,
  pacticipantName: string,
  version: VersionRow,
  options: { selfUrl?: string; status?: number } = {},
): Promise<Response> {
  const details = await loadVersionDetails(db, pacticipantName, version);
  const body = decorateVersion(details, c.get('baseUrl'), { selfUrl: options.selfUrl });
  // A provider version that published a contract links PactFlow's bi-directional resources (team issue 15).
  if (await findProviderContract(db, version.id)) body._links = { ...(body._links as object), ...providerContractLinks(c.get('baseUrl'), pacticipantName, version.number) };
  return halJson(body, options.status ?? 200);
}

/** A versions collection, paginated when the query asks for a page (docs/broker-api.md#versions). */
export async function versionsResponse(
  db: Db,
  c: BrokerContext,
  collection: { pacticipantName: string; selfUrl: string; title: string },
  versions: readonly VersionRow[],
): Promise<Response> {
  const pageRequest = requestedPage((name) => c.req.query(name));
  const page = pageRequest && pageOf(versions, pageRequest);
  const shown = page ? page.items : versions;
  const environments = await listEnvironments(db);
  const details = [];
  for (const version of shown) details.push(await loadVersionDetails(db, collection.pacticipantName, version, environments));
  return halJson(decorateVersions({ ...collection, page }, details, c.get('baseUrl')));
}
