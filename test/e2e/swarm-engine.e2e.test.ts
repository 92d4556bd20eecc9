/**
 * The swarm engine npm test provides (test/setup/swarm-engine.mjs, issue 12): sw1, a single-node
 * manager of its own beside the main engine, holding our images, reached from the host at 10.99.0.11
 * through a host-mode port, and reused (not restarted) when ensured again.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_IMAGES } from '../setup/swarm-cluster.mjs';
import { ensureSwarmEngine, SWARM_ENGINE_HOST } from '../setup/swarm-engine.mjs';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

const NODE_ADDRESS = '10.99.0.11';
// A port no other suite publishes on sw1 (they share it).
const CHECK_PORT = 25432;
const service = `swarm-engine-check-${randomBytes(3).toString('hex')}`;

function docker(host: string, args: string[]): string {
  const result = spawnSync('docker', ['-H', host, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}
const onSw1 = (args: string[]) => docker(SWARM_ENGINE_HOST, args);
const onMain = (args: string[]) => docker('unix:///var/run/docker.sock', args);

describe.runIf(provided('swarm'))('the swarm engine sw1', () => {
  afterAll(() => {
    spawnSync('docker', ['-H', SWARM_ENGINE_HOST, 'service', 'rm', service], { stdio: 'ignore' });
  });

  it('is a single-node swarm manager with its own identity, and the main engine is not in swarm mode', () => {
    const info = JSON.parse(onSw1(['info', '--format', '{{json .}}'])) as {
      Name: string; ID: string; DockerRootDir: string; Swarm: { LocalNodeState: string; ControlAvailable: boolean; NodeAddr: string; Nodes: number };
    };
    expect([info.Name, info.DockerRootDir, info.Swarm.LocalNodeState, info.Swarm.ControlAvailable, info.Swarm.NodeAddr, info.Swarm.Nodes])
      .toEqual(['sw1', '/var/lib/pactsafs-sw1', 'active', true, NODE_ADDRESS, 1]);
    expect(info.ID).not.toBe(onMain(['info', '--format', '{{.ID}}']));
    expect(onMain(['info', '--format', '{{.Swarm.LocalNodeState}}'])).toBe('inactive');
  });

  it('holds our images with the IDs they have on the main engine', () => {
    const ids = (run: (args: string[]) => string) => NODE_IMAGES.map((tag) => run(['image', 'inspect', '--format', '{{.Id}}', tag]));
    expect(ids(onSw1)).toEqual(ids(onMain));
  });

  it('is reused when ensured again: the same engine process, the same swarm node', async () => {
    const pid = () => readFileSync('/run/sw1/docker.pid', 'utf8').trim();
    const nodeId = () => onSw1(['info', '--format', '{{.Swarm.NodeID}}']);
    const before = [pid(), nodeId()];
    expect(await ensureSwarmEngine({ log: () => {} })).toBe(SWARM_ENGINE_HOST);
    expect([pid(), nodeId()]).toEqual(before);
  });

  it('serves a dnsrr service to the host through a host-mode port on the node address', async () => {
    onSw1(['service', 'create', '--detach', '--no-resolve-image', '--endpoint-mode', 'dnsrr', '--name', service,
      '--publish', `mode=host,target=5432,published=${CHECK_PORT}`, '-e', 'POSTGRES_PASSWORD=check', 'pactsafs/postgres:15']);
    const answer = await until('postgres on sw1 answering the host', async () => {
      const client = new pg.Client({ host: NODE_ADDRESS, port: CHECK_PORT, user: 'postgres', password: 'check', connectionTimeoutMillis: 1_000 });
      try {
        await client.connect();
        return (await client.query<{ host: string }>("select split_part(inet_client_addr()::text, '/', 1) as host")).rows[0]?.host;
      } catch {
        return undefined;
      } finally {
        await client.end().catch(() => {});
      }
    }, 60_000);
    // The connection came in over the node network: the host's own end of it, not the main engine's bridge.
    expect(answer).toBe('10.99.0.1');
  }, 90_000);
});
