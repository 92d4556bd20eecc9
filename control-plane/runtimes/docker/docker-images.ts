import { RuntimeError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { ContainerEngine } from '../engine/docker-engine.js';

/** Makes sure `image` exists locally, pulling it with progress in the log; a failed pull says how to build local images. */
export async function ensureImage(engine: ContainerEngine, image: string, logger: Logger): Promise<void> {
  if ((await engine.imageLabels(image)) !== undefined) return;
  logger.info('pulling image', { image });
  let lastReport = 0;
  try {
    await engine.pullImage(image, ({ status, layer, current, total }) => {
      if (Date.now() - lastReport < 2000) return;
      lastReport = Date.now();
      const percent = current && total ? ` ${Math.round((current / total) * 100)}%` : '';
      logger.info('pulling image', { image, status: `${status}${percent}`, layer });
    });
  } catch (error) {
    throw new RuntimeError(
      `The image ${image} is not on this machine and pulling it failed (${(error as Error).message.trim()}). ` +
        'Without a registry, build local images with `npm run images` and set ' +
        'PACTSAFS_BROKER_IMAGE=pactsafs/broker:local PACTSAFS_POSTGRES_IMAGE=pactsafs/postgres:15.',
      { cause: error },
    );
  }
  logger.info('image pulled', { image });
}
