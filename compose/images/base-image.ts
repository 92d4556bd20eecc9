// The base image, made from Debian packages because no container registry can be reached:
// mmdebstrap writes a minimal bookworm root file system as a tar, which the engine imports.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import type Docker from 'dockerode';
import { readDebianMirrors } from './apt-mirror.js';
import { followProgress, type Log } from './engine-build.js';

const RELEASE = 'bookworm';
const MERGED_USR_HOOK = '/usr/share/mmdebstrap/hooks/merged-usr';

// Written into the image's dpkg configuration, so later `apt-get install`s in Dockerfiles on this
// base skip the same files. Copyright files stay; postgresql's own man folder must not be excluded
// (its client package fails to install without it), so only the shared man tree is.
const DPKG_PATH_FILTERS = [
  'path-exclude=/usr/share/man/*',
  'path-exclude=/usr/share/info/*',
  'path-exclude=/usr/share/doc/*',
  'path-include=/usr/share/doc/*/copyright',
  'path-exclude=/usr/share/locale/*',
  'path-include=/usr/share/locale/locale.alias',
];

/** Bootstraps Debian into `tag`; the tag appears only once the whole bootstrap succeeded. */
export async function buildBaseImage(docker: Docker, tag: string, labels: Record<string, string>, log: Log) {
  ensureMmdebstrap(log);
  // Every suite of the host's mirror (bookworm, bookworm-updates) goes into the image's own apt
  // list, so that Dockerfiles on this base can `apt-get install` current packages.
  const mirrors = readDebianMirrors(RELEASE);
  const args = [
    '--variant=minbase',
    `--hook-dir=${MERGED_USR_HOOK}`,
    ...DPKG_PATH_FILTERS.map((filter) => `--dpkgopt=${filter}`),
    '--format=tar',
    RELEASE,
    '-',
    ...mirrors,
  ];
  const [repo, finalTag] = splitTag(tag);
  // A failed bootstrap piped into an import still yields a (broken) image: import under a
  // temporary tag and move the real tag only after mmdebstrap has exited successfully.
  const importingTag = `${finalTag}-importing`;
  const bootstrap = spawn('mmdebstrap', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => bootstrap.on('close', resolve));
  const stderrTail = collectLines(bootstrap.stderr, log);

  try {
    const changes = [
      ...Object.entries(labels).map(([key, value]) => `LABEL ${key}=${value}`),
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'ENV LANG=C.UTF-8',
      'CMD ["bash"]',
    ];
    const stream = await docker.importImage(bootstrap.stdout, { repo, tag: importingTag, changes });
    await followProgress(docker, stream, log);
  } catch (error) {
    bootstrap.kill();
    await exited;
    await removeTag(docker, `${repo}:${importingTag}`);
    throw error;
  }
  const code = await exited;
  if (code !== 0) {
    await removeTag(docker, `${repo}:${importingTag}`);
    throw new Error(`mmdebstrap failed (exit ${code}); its last lines:\n${stderrTail.join('\n')}`);
  }
  await docker.getImage(`${repo}:${importingTag}`).tag({ repo, tag: finalTag });
  await removeTag(docker, `${repo}:${importingTag}`);
}

function ensureMmdebstrap(log: Log) {
  if (spawnSync('sh', ['-c', 'command -v mmdebstrap'], { stdio: 'ignore' }).status === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error('mmdebstrap is missing and only root can install it: run `apt-get install mmdebstrap` as root.');
  }
  log('installing mmdebstrap (apt-get install mmdebstrap)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'mmdebstrap'], { encoding: 'utf8', env });
  let result = install();
  // Without package lists (a fresh machine) the install fails: fetch them once and retry.
  if (result.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore', env });
    result = install();
  }
  if (result.status !== 0) {
    throw new Error(`apt-get install mmdebstrap failed (exit ${result.status}):\n${result.stderr.trim()}`);
  }
}

/** Prints each line as it comes and keeps the last ones for an error message. */
function collectLines(stream: NodeJS.ReadableStream, log: Log, keep = 20): string[] {
  const tail: string[] = [];
  createInterface({ input: stream }).on('line', (line) => {
    log(line);
    tail.push(line);
    if (tail.length > keep) tail.shift();
  });
  return tail;
}

async function removeTag(docker: Docker, tag: string) {
  await docker
    .getImage(tag)
    .remove({ force: true })
    .catch(() => undefined);
}

function splitTag(tag: string): [string, string] {
  const at = tag.lastIndexOf(':');
  return [tag.slice(0, at), tag.slice(at + 1)];
}
