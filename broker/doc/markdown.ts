/**
 * A small Markdown renderer for the relation docs (issue 14): the Ruby broker renders them with
 * Redcarpet, and they use only headings, paragraphs, nested lists, indented and fenced code, pipe
 * tables, code spans, links, emphasis and one `<a name>` anchor. Everything else is text, escaped.
 */

interface ListBlock {
  ordered: boolean;
  indent: number;
  /** Each item's parts: its text lines and the lists nested in it, as HTML. */
  items: string[][];
}

/** The HTML of a Markdown text; root-relative link targets (`/doc/webhooks`) start with `baseUrl`. */
export function markdownToHtml(markdown: string, baseUrl = ''): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (line.trim() === '') index += 1;
    else if (line.startsWith('```')) index = fencedCode(lines, index, out);
    else if (line.startsWith('    ')) index = indentedCode(lines, index, out);
    else if (/^#{1,6}\s/.test(line)) index = heading(line, index, out);
    else if (isTableStart(lines, index)) index = table(lines, index, out);
    else if (listMarker(line)) index = list(lines, index, out);
    else index = paragraph(lines, index, out);
  }
  // Only links made here are <a href> in the output: every other `<` was escaped.
  return out.join('\n').replace(/<a href="\//g, `<a href="${escapeHtml(baseUrl)}/`);
}

function fencedCode(lines: string[], start: number, out: string[]): number {
  const end = lines.findIndex((line, at) => at > start && line.startsWith('```'));
  const stop = end === -1 ? lines.length : end;
  out.push(codeBlock(lines.slice(start + 1, stop)));
  return stop + 1;
}

function indentedCode(lines: string[], start: number, out: string[]): number {
  let end = start;
  // Blank lines belong to the block while indented lines follow them.
  while (end < lines.length && (lines[end]?.startsWith('    ') || (lines[end]?.trim() === '' && lines.slice(end).find((l) => l.trim() !== '')?.startsWith('    ')))) end += 1;
  out.push(codeBlock(lines.slice(start, end).map((line) => line.slice(4))));
  return end;
}

function codeBlock(lines: string[]): string {
  return `<pre><code>${escapeHtml(lines.join('\n'))}</code></pre>`;
}

function heading(line: string, index: number, out: string[]): number {
  const level = /^#+/.exec(line)?.[0].length ?? 1;
  out.push(`<h${level}>${inline(line.slice(level).replace(/#+\s*$/, '').trim())}</h${level}>`);
  return index + 1;
}

function isTableStart(lines: string[], index: number): boolean {
  return (lines[index] ?? '').trim().startsWith('|') && /^\s*\|?\s*:?-{3,}/.test(lines[index + 1] ?? '');
}

function table(lines: string[], start: number, out: string[]): number {
  const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => inline(cell.trim()));
  const head = cells(lines[start] ?? '').map((cell) => `<th>${cell}</th>`).join('');
  let end = start + 2;
  const rows: string[] = [];
  for (; end < lines.length && (lines[end] ?? '').trim().startsWith('|'); end += 1) {
    rows.push(`<tr>${cells(lines[end] ?? '').map((cell) => `<td>${cell}</td>`).join('')}</tr>`);
  }
  out.push(`<table class="table"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`);
  return end;
}

function listMarker(line: string): { indent: number; ordered: boolean; text: string } | undefined {
  const match = /^(\s*)([*+-]|\d+\.)\s+(.*)$/.exec(line);
  if (!match) return undefined;
  return { indent: match[1]?.length ?? 0, ordered: /\d/.test(match[2] ?? ''), text: match[3] ?? '' };
}

/** A list and the lists nested in it (deeper indentation); a non-marker line continues the item above. */
function list(lines: string[], start: number, out: string[]): number {
  const stack: ListBlock[] = [];
  let index = start;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '') break;
    const marker = listMarker(line);
    if (!marker) {
      stack.at(-1)?.items.at(-1)?.push(inline(line.trim()));
      continue;
    }
    while (stack.length > 1 && (stack.at(-1)?.indent ?? 0) > marker.indent) closeList(stack);
    const current = stack.at(-1);
    if (!current || marker.indent > current.indent) stack.push({ ordered: marker.ordered, indent: marker.indent, items: [] });
    stack.at(-1)?.items.push([inline(marker.text)]);
  }
  while (stack.length > 1) closeList(stack);
  const outer = stack[0];
  if (outer) out.push(listHtml(outer));
  return index;
}

function closeList(stack: ListBlock[]): void {
  const inner = stack.pop();
  if (inner) stack.at(-1)?.items.at(-1)?.push(listHtml(inner));
}

function listHtml(block: ListBlock): string {
  const tag = block.ordered ? 'ol' : 'ul';
  return `<${tag}>${block.items.map((parts) => `<li>${parts.join('\n')}</li>`).join('')}</${tag}>`;
}

function paragraph(lines: string[], start: number, out: string[]): number {
  let end = start;
  while (end < lines.length && (lines[end] ?? '').trim() !== '' && (end === start || !startsBlock(lines, end))) end += 1;
  out.push(`<p>${inline(lines.slice(start, end).map((line) => line.trim()).join('\n'))}</p>`);
  return end;
}

function startsBlock(lines: string[], index: number): boolean {
  const line = lines[index] ?? '';
  return line.startsWith('```') || /^#{1,6}\s/.test(line) || listMarker(line) !== undefined || isTableStart(lines, index);
}

/** Code spans, anchors, links and emphasis; the rest escaped. Code spans are cut out first so nothing inside them is read as Markdown. */
function inline(text: string): string {
  const codes: string[] = [];
  const withoutCode = text.replace(/`([^`]+)`/g, (_, code: string) => `\u0000${codes.push(`<code>${escapeHtml(code)}</code>`) - 1}\u0000`);
  return escapeHtml(withoutCode)
    .replace(/&lt;a name=&quot;([\w-]+)&quot;&gt;&lt;\/a&gt;/g, '<a name="$1"></a>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, href: string) => `<a href="${href}">${label}</a>`)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?![\w*])/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>')
    .replace(/\u0000(\d+)\u0000/g, (_, at: string) => codes[Number(at)] ?? '');
}

/** Text made safe inside HTML elements and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
