import { lookup } from 'node:dns/promises';
import { statfs } from 'node:fs/promises';
import type { ApiClient } from '../control-plane/api/api-client.js';
import type { DoctorProbes } from './doctor.js';
import { readHostsFile } from './hosts-file.js';

/** A resolver or engine that does not answer must not hang the doctor. */
const PROBE_TIMEOUT_MS = 3000;

/** The doctor's probes of this machine: Node's resolver and the current folder's file system. */
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
    freeBytes: async (dir) => {
      const stats = await statfs(dir);
      return stats.bavail * stats.bsize;
    },
    cwd: process.cwd(),
  };
}

function withTimeout<T>(work: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
