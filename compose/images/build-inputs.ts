// What an image is built from, as one hash. Each image carries it as a label, and `npm run images`
// rebuilds an image whose label differs from the hash of the tree as it is now: after a code
// change, tests run the new code, never a stale image that merely exists.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';

export const INPUTS_LABEL = 'pactsafs.inputs';

/** sha256 over the files (path and content, in a stable order) and facts that are not files (a base image id, node's version). */
export function inputsHash(repoRoot: string, files: string[], facts: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...new Set(files.map((name) => resolve(repoRoot, name)))].sort()) {
    hash.update(`${relative(repoRoot, file)}\0`).update(readFileSync(file)).update('\0');
  }
  for (const fact of facts) hash.update(`${fact}\0`);
  return hash.digest('hex');
}

/**
 * The files a tsconfig compiles (its include minus exclude, expanded as tsc does, without
 * type-checking: milliseconds instead of seconds) and the config files themselves, extended ones included.
 */
export function compiledSources(repoRoot: string, tsconfig: string): string[] {
  const configPath = resolve(repoRoot, tsconfig);
  // The cache is filled with every config the file extends, which is how we learn their paths.
  const extended = new Map<string, ts.ExtendedConfigCacheEntry>();
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    undefined,
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(`${tsconfig}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
      },
    },
    extended,
  );
  if (!parsed) throw new Error(`${tsconfig} could not be read.`);
  if (parsed.errors.length > 0) {
    throw new Error(`${tsconfig}: ${parsed.errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n')).join('; ')}`);
  }
  return [configPath, ...extended.keys(), ...parsed.fileNames];
}
