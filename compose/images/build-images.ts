// `npm run images`: builds pactsafs/debian:bookworm, pactsafs/postgres:15, pactsafs/broker:local and
// pactsafs/platform:local on the local engine without any container registry (none is reachable
// here; see docs/local-engines.md#images-without-a-registry). Each image is labelled with the hash of what it is built
// from (build-inputs.ts): an image whose label matches the tree as it is now is kept, any other is
// built again, and so is everything built FROM a rebuilt base. `--rebuild broker` (or postgres,
// platform, base; comma-separated) forces a build.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { buildBaseImage } from './base-image.js';
import { compiledSources, INPUTS_LABEL, inputsHash } from './build-inputs.js';
import { buildFromDirectory, type Log } from './engine-build.js';
import { prepareNodeAppContext, type NodeApp } from './node-app-context.js';

type ImageName = 'base' | 'postgres' | 'broker' | 'platform';
type ImageList = Record<ImageName, { tag: string }>;

interface ImageRecipe {
  /** The hash of the image's build inputs; `baseId` is the base image's id, for images built FROM it. */
  inputs: (baseId: string) => string;
  build: (docker: Docker, labels: Record<string, string>, log: Log) => Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// One list of tags, shared with test/setup/docker-engine.mjs (plain JS, so JSON rather than TS).
const images = JSON.parse(readFileSync(new URL('./images.json', import.meta.url), 'utf8')) as ImageList;

function nodeAppRecipe(tag: string, app: NodeApp): ImageRecipe {
  return {
    inputs: (baseId) =>
      inputsHash(
        repoRoot,
        [
          ...compiledSources(repoRoot, app.tsconfig),
          app.dockerfile,
          // package-lock.json pins what the production packages copied into the image are.
          'package.json',
          'package-lock.json',
          'compose/images/node-app-context.ts',
          'compose/images/production-packages.ts',
        ],
        [baseId, `node ${process.version} ${process.arch}`],
      ),
    build: async (docker, labels, log) => {
      const context = prepareNodeAppContext(repoRoot, app, log);
      await buildFromDirectory(docker, { tag, ...context, labels, buildargs: { BASE_IMAGE: images.base.tag } }, log);
      // The context (over 100 MB, mostly node) is kept only when a build fails, for inspection.
      rmSync(context.contextDir, { recursive: true, force: true });
    },
  };
}

/** Recipes in dependency order: the others start FROM the base image. */
const recipes: Record<ImageName, ImageRecipe> = {
  base: {
    inputs: () => inputsHash(repoRoot, ['compose/images/base-image.ts', 'compose/images/apt-mirror.ts'], []),
    build: (docker, labels, log) => buildBaseImage(docker, images.base.tag, labels, log),
  },
  postgres: {
    inputs: (baseId) => inputsHash(repoRoot, ['compose/images/postgres/Dockerfile', 'compose/images/postgres/docker-entrypoint.sh'], [baseId]),
    build: (docker, labels, log) =>
      buildFromDirectory(
        docker,
        {
          tag: images.postgres.tag,
          contextDir: `${repoRoot}compose/images/postgres`,
          entries: ['Dockerfile', 'docker-entrypoint.sh'],
          labels,
          buildargs: { BASE_IMAGE: images.base.tag },
        },
        log,
      ),
  },
  broker: nodeAppRecipe(images.broker.tag, {
    name: 'broker',
    tsconfig: 'tsconfig.build.json',
    dockerfile: 'compose/images/broker/Dockerfile',
  }),
  platform: nodeAppRecipe(images.platform.tag, {
    name: 'platform',
    tsconfig: 'compose/images/platform/tsconfig.json',
    dockerfile: 'compose/images/platform/Dockerfile',
  }),
};

function parseRebuild(args: string[]): Set<ImageName> {
  const at = args.indexOf('--rebuild');
  if (at === -1) return new Set();
  const names = (args[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !(name in recipes));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--rebuild takes image names among ${Object.keys(recipes).join(', ')}; got "${args[at + 1] ?? ''}".`);
  }
  return new Set(names as ImageName[]);
}

async function inspectImage(docker: Docker, tag: string): Promise<Docker.ImageInspectInfo | undefined> {
  try {
    return await docker.getImage(tag).inspect();
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
  let baseId = '';
  for (const name of Object.keys(recipes) as ImageName[]) {
    const { tag } = images[name];
    const inputs = recipes[name].inputs(baseId);
    const existing = await inspectImage(docker, tag);
    const why = rebuild.has(name)
      ? 'asked for with --rebuild'
      : !existing
        ? 'missing'
        : existing.Config.Labels?.[INPUTS_LABEL] !== inputs
          ? 'its build inputs changed'
          : undefined;
    if (!why) {
      console.log(`= ${tag} is up to date, kept`);
    } else {
      console.log(`+ building ${tag} (${why})`);
      const started = Date.now();
      const log: Log = (line) => console.log(`  ${line}`);
      try {
        await recipes[name].build(docker, { 'pactsafs.image': name, [INPUTS_LABEL]: inputs }, log);
      } catch (error) {
        throw new Error(`Building ${tag} failed: ${(error as Error).message}`, { cause: error });
      }
      const { Id, Size } = await docker.getImage(tag).inspect();
      console.log(`✓ ${tag} built in ${((Date.now() - started) / 1000).toFixed(1)} s, ${(Size / 1e6).toFixed(0)} MB`);
      if (existing && existing.Id !== Id) await removeReplaced(docker, existing.Id);
    }
    if (name === 'base') baseId = (await docker.getImage(tag).inspect()).Id;
  }
}

main().catch((error: Error) => {
  console.error(`\n✗ ${error.message}`);
  process.exitCode = 1;
});
