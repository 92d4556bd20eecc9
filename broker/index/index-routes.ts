import { Hono } from 'hono';
import { halJsonText, type BrokerEnv, resource } from '../http/index.js';
import { indexLinks } from './index-links.js';

/** Base URLs come from clients' Host and X-Forwarded-* headers: only this many index texts are kept. */
const MOST_CACHED_BASE_URLS = 16;

/** `GET /`: the HAL index the clients start from. */
export function indexRoutes(): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  // Team issue 13: the document depends on the base URL alone; building and serialising its 37 links
  // was 4-6 % of a profile of c8 `GET /`, so each base URL's text is made once.
  const texts = new Map<string, string>();
  const indexText = (baseUrl: string): string => {
    let text = texts.get(baseUrl);
    if (text === undefined) {
      if (texts.size >= MOST_CACHED_BASE_URLS) texts.clear();
      text = JSON.stringify({ _links: indexLinks(baseUrl) });
      texts.set(baseUrl, text);
    }
    return text;
  };
  resource(app, '/', { GET: (c) => halJsonText(indexText(c.get('baseUrl'))) });
  return app;
}
