// The Debian mirror this machine's apt already uses, read at run time so that no host name is
// ever written into the project: builds go wherever the machine is allowed to reach.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One `deb` source: a mirror URI with its suites and components. */
export interface AptSource {
  uri: string;
  suites: string[];
  components: string[];
}

const SOURCES_DIR = '/etc/apt/sources.list.d';
const SOURCES_LIST = '/etc/apt/sources.list';

/**
 * The host's `deb` sources for `release` (e.g. bookworm, bookworm-updates), without the security
 * archive, as one-line `deb <uri> <suite> <components>` entries that mmdebstrap takes as mirrors.
 */
export function readDebianMirrors(release: string): string[] {
  const sources = readHostSources().filter((source) => !source.uri.includes('security'));
  const lines = sources.flatMap((source) =>
    source.suites
      .filter((suite) => suite === release || suite.startsWith(`${release}-`))
      .filter((suite) => !suite.endsWith('-security'))
      .map((suite) => `deb ${source.uri} ${suite} ${source.components.join(' ')}`),
  );
  if (lines.length === 0) {
    throw new Error(
      `No Debian ${release} mirror found in ${SOURCES_DIR}/*.sources or ${SOURCES_LIST}: ` +
        'the image build uses the mirror apt already uses.',
    );
  }
  return [...new Set(lines)];
}

function readHostSources(): AptSource[] {
  const sources: AptSource[] = [];
  if (existsSync(SOURCES_LIST)) sources.push(...parseOneLineSources(readFileSync(SOURCES_LIST, 'utf8')));
  if (existsSync(SOURCES_DIR)) {
    for (const file of readdirSync(SOURCES_DIR).sort()) {
      const text = readFileSync(join(SOURCES_DIR, file), 'utf8');
      if (file.endsWith('.sources')) sources.push(...parseDeb822Sources(text));
      else if (file.endsWith('.list')) sources.push(...parseOneLineSources(text));
    }
  }
  return sources;
}

/** Parses the one-line format: `deb [options] uri suite component...`. */
export function parseOneLineSources(text: string): AptSource[] {
  return text.split('\n').flatMap((raw) => {
    const line = raw.replace(/#.*/, '').replace(/\[[^\]]*\]/, '').trim();
    const [type, uri, suite, ...components] = line.split(/\s+/);
    if (type !== 'deb' || !uri || !suite) return [];
    return [{ uri, suites: [suite], components }];
  });
}

/** Parses deb822 stanzas (`Types:`, `URIs:`, `Suites:`, `Components:`, `Enabled:`). */
export function parseDeb822Sources(text: string): AptSource[] {
  return text.split(/\n\s*\n/).flatMap((stanza) => {
    const fields = new Map<string, string[]>();
    for (const line of stanza.split('\n')) {
      const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (match?.[1] && match[2] !== undefined) fields.set(match[1].toLowerCase(), match[2].split(/\s+/).filter(Boolean));
    }
    const enabled = fields.get('enabled')?.[0]?.toLowerCase() !== 'no';
    if (!enabled || !fields.get('types')?.includes('deb')) return [];
    const suites = fields.get('suites') ?? [];
    const components = fields.get('components') ?? [];
    return (fields.get('uris') ?? []).map((uri) => ({ uri, suites, components }));
  });
}
