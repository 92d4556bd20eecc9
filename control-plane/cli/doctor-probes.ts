import { lookup } from 'node:dns/promises';
import { stat, statfs } from 'node:fs/promises';
import { readPlatformConfig } from '../../shared/config.js';
import type { ApiClient } from './api-client.js';
import type { DoctorProbes } from './doctor.js';
import { readHostsFile } from './hosts-file.js';

/** A resolver or engine that does not answer must not hang the doctor. */
const PROBE_TIMEOUT_MS = 3000;

/** The doctor's probes of this machine: Node's resolver, the Docker engine, the file systems. */
export async function machineProbes(client: ApiClient, hostsFile: string): Promise<DoctorProbes> {
  return {
    client,
    hostsFile,
    readHostsFile,
    lookup: (hostname) =>
      withTimeout(
        lookup(hostname, { all: true }).then((found) => found.map((entry) => entry.address)),
        `no answer within ${PROBE_TIMEOUT_MS / 1000} s`,
      ),
    dockerProblem: async () => {
      // Loaded here, not at the top: dockerode takes a quarter of a second to load, which every other verb would pay.
      const { default: Dockerode } = await import('dockerode');
      return withTimeout(new Dockerode().ping(), `no answer within ${PROBE_TIMEOUT_MS / 1000} s`).then(
        () => undefined,
        (error: Error) => error.message,
      );
    },
    freeBytes: async (dir) => {
      const stats = await statfs(dir);
      return stats.bavail * stats.bsize;
    },
    folders: await foldersThatMatter(),
  };
}

/** The current folder and, when it exists here, the data dir a platform started from this shell would use. */
async function foldersThatMatter(): Promise<string[]> {
  const folders = [process.cwd()];
  let dataDir: string | undefined;
  try {
    dataDir = readPlatformConfig().dataDir;
  } catch {
    // A malformed platform setting is the platform's to report when it starts; the doctor checks the rest.
    return folders;
  }
  const exists = await stat(dataDir).then((stats) => stats.isDirectory(), () => false);
  if (exists && dataDir !== process.cwd()) folders.push(dataDir);
  return folders;
}

function withTimeout<T>(work: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
