/**
 * The dashboard's whole stylesheet, inlined by the layout (no build step). State colours are
 * text on a tinted background, each pair above WCAG AA contrast; under 640 px the tenant table
 * becomes one card per tenant, each cell labelled by its `data-label`.
 */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --card: #fff; --accent: #0969da; --danger: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
header.top { background: #24292f; color: #fff; }
header.top .wrap { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding-top: .75rem; padding-bottom: .75rem; }
header.top a { color: #fff; text-decoration: none; font-weight: 600; font-size: 1.05rem; }
header.top form { margin: 0; }
header.top nav { display: flex; align-items: baseline; gap: 1.25rem; }
header.top a.audit-link { font-weight: 400; font-size: .9rem; }
.wrap { max-width: 1200px; margin: 0 auto; padding: 0 1.25rem; }
main.wrap { padding-top: 1.5rem; padding-bottom: 3rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; display: flex; align-items: center; gap: .75rem; flex-wrap: wrap; }
h2 { font-size: 1.1rem; margin: 0 0 .75rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
.muted { color: var(--muted); }
.flash { border-radius: 8px; padding: .75rem 1rem; margin-bottom: 1.25rem; border: 1px solid; }
.flash-success { background: #dafbe1; border-color: #4ac26b; color: #0f5323; }
.flash-error { background: #ffebe9; border-color: #ff8182; color: #82071e; }
.state { display: inline-block; padding: .1rem .6rem; border-radius: 999px; font-size: .85rem; font-weight: 600; white-space: nowrap; }
.state-running { background: #dafbe1; color: #116329; }
.state-stopped { background: #eaeef2; color: #424a53; }
.state-sleeping { background: #ddf4ff; color: #0a3069; }
.state-creating, .state-removing { background: #fff8c5; color: #7d4e00; }
.state-failed { background: #ffebe9; color: #a40e26; }
.reason { display: block; font-size: .85rem; color: #a40e26; margin-top: .25rem; max-width: 28ch; }
table.tenants { width: 100%; border-collapse: collapse; }
table.tenants th, table.tenants td { text-align: left; padding: .6rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.tenants th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
table.tenants tr:last-child td { border-bottom: 0; }
td.name a { font-weight: 600; }
/* URLs wrap at the <wbr> after their separators (url-text.tsx); a piece wider than the line alone breaks. */
.url { overflow-wrap: break-word; word-break: normal; }
.host-form { display: block; font-size: .8rem; color: var(--muted); }
.actions { display: flex; flex-wrap: wrap; gap: .4rem; align-items: flex-start; }
.actions form { margin: 0; }
button, .button { font: inherit; font-size: .85rem; padding: .3rem .75rem; border-radius: 6px; border: 1px solid var(--line); background: #f6f8fa; color: var(--fg); cursor: pointer; text-decoration: none; display: inline-block; line-height: 1.4; }
button:hover, .button:hover { background: #eef1f4; }
button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
button.primary:hover { background: #1a7f37; }
button.danger { color: var(--danger); }
button.danger:hover { background: var(--danger); color: #fff; }
button[disabled] { opacity: .6; cursor: progress; }
details.restore summary { cursor: pointer; font-size: .85rem; color: var(--accent); padding: .3rem 0; }
details.restore form { display: grid; gap: .5rem; margin-top: .5rem; }
form.create { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
label { display: grid; gap: .25rem; font-size: .85rem; font-weight: 600; }
label.check { display: flex; align-items: center; gap: .4rem; font-weight: 400; }
table.tokens { margin-bottom: 1rem; }
input[type=text], input[type=password], input[type=datetime-local], select { font: inherit; padding: .4rem .6rem; border: 1px solid var(--line); border-radius: 6px; min-width: 14rem; background: #fff; }
input[type=file] { font-size: .85rem; max-width: 16rem; }
.hint { font-size: .8rem; color: var(--muted); font-weight: 400; }
.empty { padding: 1.5rem 0; text-align: center; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.25rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; word-break: break-word; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1.25rem; margin-bottom: 1.25rem; }
.grid .card { margin-bottom: 0; }
.counts { display: flex; gap: 2rem; flex-wrap: wrap; }
.counts div { display: grid; }
.counts strong { font-size: 1.6rem; }
.command { position: relative; }
.command pre { background: #24292f; color: #f0f3f6; padding: .9rem 1rem; border-radius: 6px; overflow-x: auto; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.command button { position: absolute; top: .45rem; right: .45rem; background: #32383f; color: #fff; border-color: #4c535a; }
/* The log table scrolls in its box rather than squeezing its columns; each raw line is there on demand. */
.log-wrap { max-height: 28rem; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
table.logs { width: 100%; border-collapse: collapse; font-size: .85rem; }
table.logs th { position: sticky; top: 0; background: var(--bg); text-align: left; font-size: .75rem; text-transform: uppercase; color: var(--muted); padding: .4rem .6rem; }
table.logs td { padding: .35rem .6rem; border-top: 1px solid var(--line); vertical-align: top; }
table.logs td.time, table.logs td.level { white-space: nowrap; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table.logs td.message { min-width: 16rem; }
table.logs td.fields code { display: inline-block; margin: 0 .5rem .15rem 0; overflow-wrap: anywhere; }
table.logs details summary { cursor: pointer; font-size: .75rem; color: var(--accent); }
table.logs details pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: .25rem 0 0; background: var(--bg); padding: .4rem; border-radius: 4px; }
.level-warn { color: #7d4e00; font-weight: 600; }
.level-error { color: #a40e26; font-weight: 600; }
.ok { color: #116329; font-weight: 600; }
.bad { color: #a40e26; font-weight: 600; }
@media (max-width: 640px) {
  .wrap { padding: 0 .75rem; }
  table.tenants thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.tenants, table.tenants tbody, table.tenants tr, table.tenants td { display: block; width: 100%; }
  table.tenants tr { border: 1px solid var(--line); border-radius: 8px; margin-bottom: .9rem; padding: .4rem .8rem; background: var(--card); }
  table.tenants td { display: grid; grid-template-columns: 7.5rem 1fr; gap: .5rem; padding: .45rem 0; }
  table.tenants tr td, table.tenants tr:last-child td { border-bottom: 1px solid #eaeef2; }
  table.tenants tr td:last-child, table.tenants tr:last-child td:last-child { border-bottom: 0; }
  table.tenants td::before { content: attr(data-label); color: var(--muted); font-size: .8rem; font-weight: 600; }
  table.tenants td.empty { display: block; }
  table.tenants td.empty::before { content: none; }
  .card.table-card { background: transparent; border: 0; padding: 0; }
  input[type=text], input[type=password], input[type=datetime-local], select { min-width: 0; width: 100%; }
  form.create label { flex: 1 1 100%; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd { margin-bottom: .5rem; }
}
`;
