import type Dockerode from 'dockerode';
import type { EngineTunnel } from './docker-engine.js';

// Issue 12, item 5: the platform (a swarm task) reaches a tenant's database on the tenant's
// attachable overlay for a backup or restore, on whichever node that database runs. Connecting the
// platform's own container to the overlay fails when no task of the tenant runs on the platform's
// node: an engine extends an overlay to its node for a plain container, not for a task (404 "network
// not found", moby/moby#39391), and a task connected once it is there gets an address the managers
// did not hand out (seen on a two-node lab: the database's own address, so connections were refused).
// So a plain container of the platform's image, the relay, joins the overlay (the engine asks the
// managers for its address) and forwards one port; the platform reaches it over an internal bridge
// network of this node, made for the operation.

const RELAY_SCRIPT =
  "const net=require('net');const [host,port]=process.argv.slice(1);" +
  'net.createServer((c)=>{const u=net.connect(Number(port),host);c.pipe(u);u.pipe(c);' +
  "c.on('error',()=>u.destroy());u.on('error',()=>c.destroy());}).listen(Number(port));";

/** Opens a relay to `target` on `network` for `self` (a container of this engine); `close` removes every part of it. */
export async function openTunnel(docker: Dockerode, network: string, target: { host: string; port: number }, self: string): Promise<EngineTunnel> {
  // An underscore: no tenant name has one, so no tenant's network (`pactsafs-<t>`) can be named so.
  const name = `${network}_relay`;
  const close = async () => {
    await docker.getNetwork(name).disconnect({ Container: self, Force: true }).catch(ignoreGone);
    await docker.getContainer(name).remove({ force: true }).catch(ignoreGone);
    await docker.getNetwork(name).remove().catch(ignoreGone);
  };
  await close(); // the parts of an operation that a crash left behind
  try {
    const image = ((await docker.getContainer(self).inspect()) as Dockerode.ContainerInspectInfo).Config.Image;
    await docker.createNetwork({ Name: name, Driver: 'bridge', Internal: true, CheckDuplicate: true });
    const relay = await docker.createContainer({
      name,
      Image: image,
      Cmd: ['node', '-e', RELAY_SCRIPT, target.host, String(target.port)],
      HostConfig: { NetworkMode: network },
    });
    await docker.getNetwork(name).connect({ Container: relay.id });
    await relay.start();
    await docker.getNetwork(name).connect({ Container: self });
  } catch (error) {
    await close();
    throw error;
  }
  return { host: name, port: target.port, close };
}

function ignoreGone(error: { statusCode?: number; message?: string }): void {
  // 404: gone already; 403/409: a removal under way; 20.10 answers 500 "... is not connected to the network".
  if ([403, 404, 409].includes(error.statusCode ?? 0) || /is not connected to the network/.test(error.message ?? '')) return;
  throw error;
}
