import { timestamps, pacticipantUrl, urlEncode } from '../hal/index.js';
import type { HalLink } from '../hal/index.js';
import { paginationParts, type Page } from '../http/index.js';
import type { LabelRow } from './label-repository.js';

/** `/pacticipants/{p}/labels/{l}` (the Ruby broker's `label_url`). */
export const labelUrl = (baseUrl: string, pacticipantName: string, labelName: string) =>
  `${pacticipantUrl(baseUrl, pacticipantName)}/labels/${urlEncode(labelName)}`;

function selfLink(baseUrl: string, pacticipantName: string, labelName: string): HalLink {
  return { title: 'Label', name: labelName, href: labelUrl(baseUrl, pacticipantName, labelName) };
}

/** The label resource: RB `label_decorator.rb` (name, timestamps, self and pacticipant links). */
export function decorateLabel(label: LabelRow, pacticipantName: string, baseUrl: string): unknown {
  return {
    name: label.name,
    ...timestamps(label),
    _links: {
      self: selfLink(baseUrl, pacticipantName, label.name),
      pacticipant: { title: 'Pacticipant', name: pacticipantName, href: pacticipantUrl(baseUrl, pacticipantName) },
    },
  };
}

/** A label inside the pacticipant resource's `_embedded.labels`: RB `embedded_label_decorator.rb`. */
export function decorateEmbeddedLabel(labelName: string, pacticipantName: string, baseUrl: string): unknown {
  return { name: labelName, _links: { self: selfLink(baseUrl, pacticipantName, labelName) } };
}

/**
 * `GET /labels`: RB `labels_decorator.rb` with `hide_label_decorator_links`: each distinct name only
 * (no links, no timestamps); `page` and next/previous only when the client asked for a page.
 */
export function decorateLabels(names: readonly string[], selfUrl: string, page: Page<unknown> | undefined): unknown {
  const pagination = page && paginationParts(page, selfUrl);
  return {
    ...(pagination ? { page: pagination.page } : {}),
    _embedded: { labels: names.map((name) => ({ name })) },
    _links: { self: { title: 'Labels', href: selfUrl }, ...pagination?.links },
  };
}
