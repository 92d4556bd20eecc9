import type Dockerode from 'dockerode';
import { RuntimeError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';

interface PullEvent {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
}

/** Makes sure `image` exists locally, pulling it with progress in the log; a failed pull says how to build local images. */
export async function ensureImage(docker: Dockerode, image: string, logger: Logger): Promise<void> {
  const exists = await docker.getImage(image).inspect().then(
    () => true,
    () => false,
  );
  if (exists) return;
  logger.info('pulling image', { image });
  try {
    const stream = await docker.pull(image);
    await new Promise<void>((resolve, reject) => {
      let lastReport = 0;
      docker.modem.followProgress(
        stream,
        (error) => (error ? reject(error) : resolve()),
        (event: PullEvent) => {
          if (Date.now() - lastReport < 2000) return;
          lastReport = Date.now();
          const { current, total } = event.progressDetail ?? {};
          const percent = current && total ? ` ${Math.round((current / total) * 100)}%` : '';
          logger.info('pulling image', { image, status: `${event.status ?? ''}${percent}`, layer: event.id });
        },
      );
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
