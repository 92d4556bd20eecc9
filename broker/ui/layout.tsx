import type { Child } from 'hono/jsx';
import { PlatformHomeLink } from './platform-home.js';

/**
 * The frame of every broker page. Styles are inline and the font is the system's: a tenant's broker
 * must render fully without reaching the network (no CDN, no web fonts, no scripts).
 */
const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --stripe: #f6f8fa; --link: #0969da;
  --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5; --code: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --stripe: #151b23; --link: #4493f8;
  --ok: #3fb950; --ok-bg: #12261e; --bad: #f85149; --bad-bg: #25171c; --warn: #d29922; --warn-bg: #272115; --code: #151b23; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
header.site { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); }
header.site .brand { font-weight: 600; font-size: 1.1rem; color: var(--fg); }
header.site nav { display: flex; gap: 1rem; flex-wrap: wrap; }
header.site .tenant { margin-left: auto; color: var(--muted); }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; }
.muted, .version { color: var(--muted); font-size: .85em; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; white-space: nowrap; }
table.integrations tbody tr:nth-child(even) { background: var(--stripe); }
td.status { font-weight: 600; white-space: nowrap; }
.status-success { color: var(--ok); background: var(--ok-bg); }
.status-failed, .status-failed-pending { color: var(--bad); background: var(--bad-bg); }
.status-changed { color: var(--warn); background: var(--warn-bg); }
.status-not-verified { color: var(--muted); }
dl.pact-metadata { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dl.pact-metadata dt { color: var(--muted); }
dl.pact-metadata dd { margin: 0; }
ul.links { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; list-style: none; padding: 0; margin: 0 0 1rem; align-items: center; }
ol.interactions { list-style: none; padding: 0; margin: 0; }
li.interaction { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin-bottom: 1rem; }
.exchange { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
code, pre { font: .85rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--code); padding: .75rem; border-radius: 6px; overflow-x: auto; margin: .25rem 0; white-space: pre-wrap; word-break: break-word; }
table.headers { width: auto; }
table.headers td, table.headers th { padding: .15rem .5rem; font-size: .85rem; border: none; }
@media (max-width: 640px) {
  main, header.site { padding-left: .75rem; padding-right: .75rem; }
  /* Phones: each integration becomes a card, its cells labelled from the column they came from. */
  table.integrations thead { display: none; }
  table.integrations tr { display: block; border: 1px solid var(--line); border-radius: 6px; margin-bottom: .75rem; }
  table.integrations td { display: flex; justify-content: flex-end; align-items: baseline; flex-wrap: wrap; gap: .4rem; border: none; padding: .3rem .75rem; }
  table.integrations td::before { margin-right: auto; color: var(--muted); font-weight: normal; white-space: nowrap; }
  table.integrations td:nth-child(1)::before { content: "Consumer"; }
  table.integrations td:nth-child(2)::before { content: "Provider"; }
  table.integrations td:nth-child(3)::before { content: "Latest pact"; }
  table.integrations td:nth-child(4)::before { content: "Published"; }
  table.integrations td:nth-child(5)::before { content: "Last verified"; }
  table.integrations td:nth-child(6)::before { content: "Status"; }
}
`;

export interface LayoutProps {
  title: string;
  /** The broker's base URL (scheme, host and forwarded prefix): every link starts with it. */
  baseUrl: string;
  children?: Child;
}

/** The HTML document around a page: title, inline styles, and the navigation every page shares. */
export function Layout({ title, baseUrl, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {/* An empty icon: otherwise the browser asks for /favicon.ico, which the broker does not have. */}
        <link rel="icon" href="data:," />
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <header class="site">
          <a class="brand" href={`${baseUrl}/`}>
            Pact Broker
          </a>
          <nav>
            <a href={`${baseUrl}/`}>Integrations</a>
            <a href={`${baseUrl}/?format=json`}>API index (HAL JSON)</a>
            <a href={`${baseUrl}/hal-browser/browser.html`}>API Browser</a>
          </nav>
          <PlatformHomeLink />
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
