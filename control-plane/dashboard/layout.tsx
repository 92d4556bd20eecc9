import { createHash } from 'node:crypto';
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { DASHBOARD_SCRIPT } from './client-script.js';
import type { Flash } from './flash.js';
import { DASHBOARD_CSS } from './styles.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Only our own inline style and script run (by hash), forms post only here, and no other site may
 * frame the dashboard (its buttons act on tenants: no clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${sha256(DASHBOARD_CSS)}`,
  `script-src ${sha256(DASHBOARD_SCRIPT)}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export interface LayoutProps {
  title: string;
  flash?: Flash | undefined;
  /** Shows the sign-out button (the browser has a dashboard session). */
  signedIn?: boolean;
  /** Reload the page every 2 s: always, or only for browsers without JavaScript (which poll instead). */
  refresh?: 'always' | 'without-script' | undefined;
  children?: Child;
}

/** The page frame: head with the inline style and script, top bar, flash message, content. */
export function Layout({ title, flash, signedIn = false, refresh, children }: LayoutProps) {
  const meta = <meta http-equiv="refresh" content="2" />;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Pact Broker SafS`}</title>
        {/* No favicon: spares the browser a request that would only answer 404. */}
        <link rel="icon" href="data:," />
        {refresh === 'always' ? meta : refresh === 'without-script' ? <noscript>{meta}</noscript> : null}
        <style>{raw(DASHBOARD_CSS)}</style>
      </head>
      <body>
        <header class="top">
          <div class="wrap">
            <nav class="top-links">
              <a href="/">Pact Broker SafS</a>
              <a href="/audit" class="audit-link">Audit log</a>
            </nav>
            {signedIn ? (
              <form method="post" action="/sign-out">
                <button type="submit">Sign out</button>
              </form>
            ) : null}
          </div>
        </header>
        <main class="wrap">
          {flash ? (
            <div class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
              {flash.text}
            </div>
          ) : null}
          {children}
        </main>
        <script>{raw(DASHBOARD_SCRIPT)}</script>
      </body>
    </html>
  );
}

/** A state badge, coloured by state (see styles.ts). */
export function StateBadge({ state }: { state: string }) {
  return <span class={`state state-${state}`}>{state}</span>;
}
