import type { TagRow, VersionRow } from '../db/index.js';
import { timestamps, pacticipantUrl, tagUrl, versionUrl } from '../hal/index.js';

/** The tag resource (the Ruby broker's TagDecorator, docs/broker-api.md#tags). */
export function decorateTag(pacticipantName: string, version: VersionRow, tag: TagRow, baseUrl: string): unknown {
  return {
    name: tag.name,
    ...timestamps(tag),
    _links: {
      self: { title: 'Tag', name: tag.name, href: tagUrl(baseUrl, pacticipantName, version.number, tag.name) },
      version: { title: 'Version', name: version.number, href: versionUrl(baseUrl, pacticipantName, version.number) },
      pacticipant: { title: 'Pacticipant', name: pacticipantName, href: pacticipantUrl(baseUrl, pacticipantName) },
    },
  };
}
