import { unbracket } from './host-whitelist.js';

/** The parts of a webhook URL the rules and the delivery look at. */
export interface WebhookUrl {
  url: URL;
  /** Lower case, without the colon. */
  scheme: string;
  /** As the URL names it, IPv6 without brackets. */
  host: string;
}

/** Characters RFC 3986 allows in a URI; Ruby's `URI()` refuses anything else (a space, `{`, `"`...). */
const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;

/** The URL when it parses with a scheme and a host (RB `valid_webhook_url?`), else undefined. */
export function parseWebhookUrl(text: string): WebhookUrl | undefined {
  if (!URI_CHARACTERS.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.hostname === '') return undefined;
  return { url, scheme: url.protocol.slice(0, -1).toLowerCase(), host: unbracket(url.hostname) };
}
