/** `hal-browser.css` (issue 14): system fonts only, nothing fetched from the network. */
export const BROWSER_CSS = `
:root { color-scheme: light dark; --line: #d1d9e0; --muted: #59636e; --code: #f6f8fa; --go: #1a7f37; --warn: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --line: #3d444d; --muted: #9198a1; --code: #151b23; --go: #3fb950; --warn: #d29922; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
nav.site { display: flex; gap: 1.25rem; padding: .6rem 1rem; border-bottom: 1px solid var(--line); }
#location-bar { display: flex; gap: .5rem; padding: .75rem 1rem; }
#location { flex: 1; font: .9rem ui-monospace, monospace; padding: .3rem .5rem; }
#browser { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; padding: 0 1rem 2rem; }
@media (max-width: 900px) { #browser { grid-template-columns: minmax(0, 1fr); } }
h2 { font-size: 1.1rem; margin: 1rem 0 .5rem; }
table.links { border-collapse: collapse; width: 100%; }
table.links th, table.links td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.links th { color: var(--muted); font-size: .8rem; }
td.rel { font-weight: 600; word-break: break-all; }
pre, code, textarea { font: .82rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--code); padding: .6rem; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: 0 0 .5rem; }
textarea { width: 100%; }
#response-body { max-height: 70vh; overflow: auto; }
button.follow, button.query { color: var(--go); }
button.non-get { color: var(--warn); }
details.embedded { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .75rem; margin-bottom: .5rem; }
details.embedded summary { cursor: pointer; font-weight: 600; }
#docs-frame { width: 100%; height: 60vh; border: 1px solid var(--line); }
dialog { max-width: 40rem; width: 90%; }
dialog label { display: block; margin: .5rem 0; }
dialog input { width: 100%; }
`;
