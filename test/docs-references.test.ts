/**
 * Comments and documents point at `docs/` files and their sections (team issue 16 (newcomer path and
 * structure), "Structure" item 1): every such pointer must name a file and a heading that exist, so a
 * renamed section breaks this test instead of leaving a reader at a dead link.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'data', 'artifacts']);
const SOURCE_FILE = /\.(ts|tsx|mjs|js)$/;
/** `docs/<file>.md` with an optional `#anchor`, as comments write them. */
const SOURCE_REFERENCE = /docs\/([\w.-]+\.md)(?:#([\w-]+))?/g;
/** A Markdown link to a local `.md` file: `](file.md#anchor)` or `](../README.md)`. */
const MARKDOWN_LINK = /\]\(((?!https?:)[^)#\s]*\.md)?(?:#([^)\s]+))?\)/g;

interface Reference {
  from: string;
  file: string;
  anchor: string | undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    // Hidden folders hold build output (compose/images/.build) and git's own files.
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.') ? [] : sourceFiles(path.join(dir, entry.name));
    return SOURCE_FILE.test(entry.name) ? [path.join(dir, entry.name)] : [];
  });
}

function sourceReferences(): Reference[] {
  return sourceFiles(ROOT).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(SOURCE_REFERENCE)].map((match) => ({
      from: path.relative(ROOT, file),
      file: path.join(ROOT, 'docs', match[1]!),
      anchor: match[2],
    })),
  );
}

function markdownReferences(): Reference[] {
  const documents = [path.join(ROOT, 'README.md'), ...readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => path.join(ROOT, 'docs', name))];
  return documents.flatMap((document) =>
    [...readFileSync(document, 'utf8').matchAll(MARKDOWN_LINK)]
      .filter((match) => match[1] !== undefined || match[2] !== undefined)
      .map((match) => ({
        from: path.relative(ROOT, document),
        file: match[1] === undefined ? document : path.resolve(path.dirname(document), match[1]),
        anchor: match[2],
      })),
  );
}

/** The anchors GitHub makes of a document's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

function problem(reference: Reference): string | undefined {
  let text: string;
  try {
    text = readFileSync(reference.file, 'utf8');
  } catch {
    return `${reference.from}: ${path.relative(ROOT, reference.file)} does not exist`;
  }
  if (reference.anchor === undefined || headingAnchors(text).has(reference.anchor)) return undefined;
  return `${reference.from}: ${path.relative(ROOT, reference.file)} has no section #${reference.anchor}`;
}

describe('references to docs/', () => {
  it('make heading anchors as GitHub does', () => {
    const anchors = headingAnchors('# Decisions\n## SQLite per tenant\n```\n# not a heading\n```\n### `POST /x`: the body\n## Restore\n## Restore\n');
    expect([...anchors]).toEqual(['decisions', 'sqlite-per-tenant', 'post-x-the-body', 'restore', 'restore-1']);
  });

  it('name files and sections that exist, from comments', () => {
    const references = sourceReferences();
    expect(references.length).toBeGreaterThan(50);
    expect(references.flatMap((reference) => problem(reference) ?? [])).toEqual([]);
  });

  it('name files and sections that exist, from README and docs/', () => {
    const references = markdownReferences();
    expect(references.length).toBeGreaterThan(10);
    expect(references.flatMap((reference) => problem(reference) ?? [])).toEqual([]);
  });
});
