import { Hono } from 'hono';
import { pathParam, type BrokerEnv } from '../http/index.js';
import { DOC_VIEWS } from './doc-views.js';
import { escapeHtml, markdownToHtml } from './markdown.js';

/** Relations whose doc has another name, as `PactBroker::Doc::Controllers::App::MAPPINGS`. */
const MAPPINGS: Readonly<Record<string, string>> = {
  'webhooks-create': 'webhooks',
  'webhooks-webhooks': 'webhooks',
  webhook: 'webhooks',
  'can-i-deploy-pacticipant-version-to-tag': 'can-i-deploy',
  'can-i-deploy-pacticipant-version-to-environment': 'can-i-deploy',
  pacticipant: 'pacticipants',
};

/** The Ruby broker's text for a relation without documentation (doc/views/not_found.markdown). */
export const NO_DOCUMENTATION = 'No documentation exists for this relation yet.';

/** Inline, so that the page needs nothing from the network (the Ruby broker links bootstrap.min.css). */
const STYLE =
  'body{margin:20px;font:15px/1.5 system-ui,sans-serif;color:#1f2328}code,pre{font:.85rem/1.45 ui-monospace,monospace}' +
  'pre{background:#f6f8fa;padding:.75rem;border-radius:6px;overflow-x:auto}table{border-collapse:collapse}th,td{border:1px solid #d1d9e0;padding:.25rem .5rem}';

/**
 * `GET /doc/{rel}?context=…`: the documentation the curies of the index and other resources point at
 * (issue 14), the Ruby broker's texts as HTML. The view is `<context>/<rel>` when there is one, else
 * `<rel>`, as `PactBroker::Doc::Controllers::App` looks them up; links between docs start with the base
 * URL, so that they keep the gateway's `/t/<tenant>`. An unknown relation gets the Ruby
 * broker's "no documentation" text with 200, as its answer is (a client comparing answers sees the same).
 */
export function docRoutes(): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  app.get('/doc/:rel', (c) => {
    const rel = pathParam(c, 'rel');
    const markdown = findView(rel, c.req.query('context'));
    const page = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(rel)}</title><style>${STYLE}</style></head>` +
      `<body>${markdownToHtml(markdown ?? NO_DOCUMENTATION, c.get('baseUrl'))}</body></html>`;
    return c.html(page);
  });
  return app;
}

function findView(rel: string, context: string | undefined): string | undefined {
  const name = (Object.hasOwn(MAPPINGS, rel) ? MAPPINGS[rel] : undefined) ?? rel;
  const candidates = context ? [`${context}/${name}`, name] : [name];
  const found = candidates.find((candidate) => Object.hasOwn(DOC_VIEWS, candidate) && candidate !== 'not_found');
  return found === undefined ? undefined : DOC_VIEWS[found];
}
