import { Hono } from 'hono';
import type { BrokerEnv } from '../http/index.js';
import { BROWSER_HTML } from './browser-page.js';
import { BROWSER_SCRIPT } from './browser-script.js';
import { BROWSER_CSS } from './browser-style.js';

/**
 * What the page may do: its own script and styles, requests to its own broker, the docs in a frame of
 * the same origin. The Ruby broker sends a CSP of the same intent for its HAL browser
 * (`hal_browser_content_security_policy_overrides`); ours needs no `unsafe-eval`.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const ASSETS: Readonly<Record<string, { body: string; contentType: string }>> = {
  'browser.html': { body: BROWSER_HTML, contentType: 'text/html; charset=utf-8' },
  'hal-browser.js': { body: BROWSER_SCRIPT, contentType: 'application/javascript; charset=utf-8' },
  'hal-browser.css': { body: BROWSER_CSS, contentType: 'text/css; charset=utf-8' },
};

/** `GET /hal-browser/browser.html` and its script and styles: the API explorer the Ruby broker serves there (issue 14). */
export function halBrowserRoutes(): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  for (const [file, { body, contentType }] of Object.entries(ASSETS)) {
    app.get(`/hal-browser/${file}`, (c) =>
      c.body(body, 200, { 'content-type': contentType, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' }),
    );
  }
  return app;
}
