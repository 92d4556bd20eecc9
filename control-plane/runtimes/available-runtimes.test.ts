/** Which runtimes start-up offers when the Docker engine hangs or is absent. */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlatformConfig } from '../../shared/config.js';
import { silentLogger } from '../../shared/logger.js';
import { availableRuntimes } from './available-runtimes.js';

describe('availableRuntimes with an engine socket that accepts and never answers', () => {
  let dir: string;
  let hung: net.Server;
  const connections = new Set<net.Socket>();
  const previousDockerHost = process.env.DOCKER_HOST;
  const dependencies = { logger: silentLogger, platformVersion: 'test', baseUrlsFor: () => [], listeningEndpoints: () => [] };
  const configWith = (runtime: string) => readPlatformConfig({ PACTSAFS_DATA_DIR: dir, PACTSAFS_RUNTIME: runtime });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-runtimes-'));
    const socket = path.join(dir, 'docker.sock');
    hung = net.createServer((connection) => connections.add(connection)); // takes the connection, answers nothing
    await new Promise<void>((resolve) => hung.listen(socket, resolve));
    process.env.DOCKER_HOST = `unix://${socket}`;
  });

  afterAll(async () => {
    if (previousDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = previousDockerHost;
    for (const connection of connections) connection.destroy();
    await new Promise((resolve) => hung.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('auto falls back to embedded once the ping times out', async () => {
    const { runtimes, defaultRuntime } = await availableRuntimes(configWith('auto'), dependencies, 300);
    expect([...runtimes.keys()]).toEqual(['embedded']);
    expect(defaultRuntime).toBe('embedded');
  });

  it('docker refuses to start, saying the engine did not answer', async () => {
    await expect(availableRuntimes(configWith('docker'), dependencies, 300)).rejects.toThrow(
      /PACTSAFS_RUNTIME=docker, but no Docker engine answers \(no answer within 0\.3 s\)/,
    );
  });
});
