// `npm run images`: builds pactsafs/debian:bookworm, pactsafs/postgres:15 and pactsafs/broker:local
// on the local engine without any container registry (none is reachable here; see
// /work/shared/docker-local.md). Images that exist are kept: `--rebuild broker` (or postgres,
// base; comma-separated) builds those again, e.g. after the broker's code changed.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { buildBaseImage } from './base-image.js';
import { prepareBrokerContext } from './broker-context.js';
import { buildFromDirectory, type Log } from './engine-build.js';

type ImageName = 'base' | 'postgres' | 'broker';
type ImageList = Record<ImageName, { tag: string }>;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const imagesDir = fileURLToPath(new URL('./', import.meta.url));
// One list of tags, shared with test/setup/docker-engine.mjs (plain JS, so JSON rather than TS).
const images = JSON.parse(readFileSync(new URL('./images.json', import.meta.url), 'utf8')) as ImageList;

/** Builders in dependency order: the other two start FROM the base image. */
const builders: Record<ImageName, (docker: Docker, log: Log) => Promise<void>> = {
  base: (docker, log) => buildBaseImage(docker, images.base.tag, labelsFor('base'), log),
  postgres: (docker, log) =>
    buildFromDirectory(
      docker,
      {
        tag: images.postgres.tag,
        contextDir: `${imagesDir}postgres`,
        entries: ['Dockerfile', 'docker-entrypoint.sh'],
        labels: labelsFor('postgres'),
        buildargs: { BASE_IMAGE: images.base.tag },
      },
      log,
    ),
  broker: async (docker, log) => {
    const context = prepareBrokerContext(repoRoot, log);
    await buildFromDirectory(
      docker,
      { tag: images.broker.tag, ...context, labels: labelsFor('broker'), buildargs: { BASE_IMAGE: images.base.tag } },
      log,
    );
    // The context (110 MB, mostly node) is kept only when a build fails, for inspection.
    rmSync(context.contextDir, { recursive: true, force: true });
  },
};

function labelsFor(name: ImageName): Record<string, string> {
  return { 'pactsafs.image': name };
}

function parseRebuild(args: string[]): Set<ImageName> {
  const at = args.indexOf('--rebuild');
  if (at === -1) return new Set();
  const names = (args[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !(name in builders));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--rebuild takes image names among ${Object.keys(builders).join(', ')}; got "${args[at + 1] ?? ''}".`);
  }
  return new Set(names as ImageName[]);
}

async function imageId(docker: Docker, tag: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(tag).inspect()).Id;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

/** A rebuild leaves the old image untagged (about 100 MB for the broker): remove it unless in use. */
async function removeReplaced(docker: Docker, id: string) {
  await docker
    .getImage(id)
    .remove()
    .then(
      () => console.log(`  removed the replaced image ${id.slice(7, 19)}`),
      () => console.log(`  kept the replaced image ${id.slice(7, 19)}: a container still uses it`),
    );
}

async function main() {
  const rebuild = parseRebuild(process.argv.slice(2));
  const docker = new Docker();
  await docker.ping().catch((error: Error) => {
    throw new Error(
      `No Docker engine answers (${error.message}). Start one first: \`npm test\` does so as root, ` +
        'or run dockerd yourself.',
    );
  });
  for (const name of Object.keys(builders) as ImageName[]) {
    const { tag } = images[name];
    if (!rebuild.has(name) && (await imageId(docker, tag))) {
      console.log(`= ${tag} exists, kept`);
      continue;
    }
    console.log(`+ building ${tag}`);
    const started = Date.now();
    const previousId = await imageId(docker, tag);
    const log: Log = (line) => console.log(`  ${line}`);
    try {
      await builders[name](docker, log);
    } catch (error) {
      throw new Error(`Building ${tag} failed: ${(error as Error).message}`, { cause: error });
    }
    const { Id, Size } = await docker.getImage(tag).inspect();
    console.log(`✓ ${tag} built in ${((Date.now() - started) / 1000).toFixed(1)} s, ${(Size / 1e6).toFixed(0)} MB`);
    if (previousId && previousId !== Id) await removeReplaced(docker, previousId);
  }
}

main().catch((error: Error) => {
  console.error(`\n✗ ${error.message}`);
  process.exitCode = 1;
});
