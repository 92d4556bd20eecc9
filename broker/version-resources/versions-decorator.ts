import { formatDayMonthYear, pacticipantUrl, versionUrl } from '../hal/index.js';
import { paginationParts, type Page } from '../http/index.js';
import { decorateVersion, type VersionDetails } from './version-decorator.js';

/** What a versions collection is: all of a pacticipant's versions, or those of one branch. */
export interface VersionsCollection {
  pacticipantName: string;
  /** The collection's own URL, without query. */
  selfUrl: string;
  title: string;
  /** Present only when the client asked for a page, as the Ruby broker paginates only then. */
  page?: Page<unknown>;
}

/** `GET /pacticipants/{p}/versions` and `…/branches/{b}/versions`: the Ruby broker's VersionsDecorator, newest first. */
export function decorateVersions(collection: VersionsCollection, versions: readonly VersionDetails[], baseUrl: string): unknown {
  const pacticipantHref = pacticipantUrl(baseUrl, collection.pacticipantName);
  const hrefs = versions.map((details) => versionUrl(baseUrl, collection.pacticipantName, details.version.number));
  const pagination = collection.page && paginationParts(collection.page, collection.selfUrl);
  return {
    ...(pagination ? { page: pagination.page } : {}),
    _embedded: { versions: versions.map((details) => decorateVersion(details, baseUrl, { inCollection: true })) },
    _links: {
      self: { href: collection.selfUrl, title: collection.title },
      ...pagination?.links,
      'pb:pacticipant': { href: pacticipantHref, title: collection.pacticipantName },
      'pb:versions': versions.map((details, index) => ({ href: hrefs[index], title: versionAndUpdatedDate(details) })),
      pacticipant: { href: pacticipantHref, title: 'Deprecated - please use pb:pacticipant' },
      versions: hrefs.map((href) => ({ href, title: 'Deprecated - please use pb:versions' })),
    },
  };
}

/** `Version 1.0.0 - 04/05/2019`, the Ruby broker's link title. */
function versionAndUpdatedDate({ version }: VersionDetails): string {
  return `Version ${version.number} - ${formatDayMonthYear(version.updated_at)}`;
}
