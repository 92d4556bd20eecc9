// The engines of the swarm nodes (issue 12): each node is a full dockerd with its own containerd,
// data root, exec root, socket, hostname and cgroup parent, in the node's namespace of
// swarm-network.mjs. Facts and pitfalls: docs/local-engines.md#swarm-pitfalls. Plain JS:
// it runs before tsx (test/setup/swarm-engine.mjs) and is shared with test/support/swarm-lab.ts.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { lastLines } from './command-output.mjs';
import { namespacePids, netnsExists, sh } from './swarm-network.mjs';

const ENGINE_START_TIMEOUT_MS = 60_000;
const ENGINE_STOP_TIMEOUT_MS = 60_000;
const CGROUP_ROOT = '/sys/fs/cgroup';
const cgroupParent = (node) => `pactsafs-${node.name}`;

// Inside the node's namespaces: `ip netns exec` remounted /sys, dropping the cgroup mounts dockerd
// needs ("Devices cgroup isn't mounted", pitfall 1), so they are mounted again from the host's list;
// `unshare --uts` gives the node its own hostname (pitfall 3). Every step execs: the pid is dockerd's.
const ENGINE_WRAPPER = `
hostname "$1"; shift
awk '$2 ~ "^/sys/fs/cgroup" {print $1, $2, $3, $4}' /proc/1/mounts |
  while read src dir type opts; do mkdir -p "$dir"; mount -t "$type" -o "$opts" "$src" "$dir"; done
exec dockerd "$@"`;

/** Where a node's engine keeps its socket, pid file, log and state. */
export function nodePaths(node) {
  const run = `/run/${node.name}`;
  return {
    run,
    socket: `${run}/docker.sock`,
    host: `unix://${run}/docker.sock`,
    pidFile: `${run}/docker.pid`,
    log: `${run}/dockerd.log`,
    dataRoot: node.dataRoot ?? `/var/lib/pactsafs-${node.name}`,
    // `ip netns exec` bind-mounts this over /etc/docker: each engine gets its own key.json and ID (pitfall 4).
    identity: `/etc/netns/${node.name}/docker`,
  };
}

/**
 * Starts the node's engine (with its own containerd) in its namespace, in a session of its own and
 * unreferenced, so it outlives this process; resolves with dockerd's pid once its API answers.
 */
export async function startEngine(node) {
  const paths = nodePaths(node);
  for (const dir of [paths.run, paths.dataRoot, paths.identity]) mkdirSync(dir, { recursive: true });
  // A killed engine leaves its pid file, and dockerd refuses to start over one ("pid file found"):
  // it is stale unless it names this node's live dockerd, which the callers stop first.
  if (enginePid(node) === undefined) rmSync(paths.pidFile, { force: true });
  // An empty config of its own: the engines must not read the main engine's /etc/docker/daemon.json.
  const config = join(paths.run, 'daemon.json');
  if (!existsSync(config)) writeFileSync(config, '{}\n');
  const dockerd = [
    '--config-file', config,
    '--data-root', paths.dataRoot,
    '--exec-root', join(paths.run, 'exec'),
    '--pidfile', paths.pidFile,
    '-H', paths.host,
    '--bip', node.bip,
    '--default-address-pool', `base=${node.pool},size=24`,
    '--cgroup-parent', `/${cgroupParent(node)}`,
  ];
  const logFd = openSync(paths.log, 'a');
  const child = spawn('ip', ['netns', 'exec', node.name, 'unshare', '--uts', '--', 'sh', '-c', ENGINE_WRAPPER, 'sh', node.name, ...dockerd], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  let exited = null;
  child.on('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  child.unref();
  const deadline = Date.now() + ENGINE_START_TIMEOUT_MS;
  while (Date.now() < deadline && exited === null) {
    if (await engineAnswers(node)) return child.pid;
    await sleep(250);
  }
  const why = exited === null ? `did not answer within ${ENGINE_START_TIMEOUT_MS / 1000} s` : `exited (${exited})`;
  throw new Error(`The ${node.name} engine ${why}. Last lines of ${paths.log}:\n${lastLines(paths.log, 15)}`);
}

/**
 * The pid in the engine's pid file when that process is alive and is this node's dockerd (a stale
 * file, e.g. after a reboot, may name someone else's process now), else undefined.
 */
export function enginePid(node) {
  const { pidFile, host } = nodePaths(node);
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : NaN;
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(host) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stops the node's engine by its pid with `signal` (SIGTERM: it stops its containers first) and
 * waits until nothing of the node runs any more. What still runs once the engine is gone belongs to
 * containers of an engine that was killed (pitfall 7): their shims in the node's namespace and their
 * processes in its cgroup parent outlive it; those are ended by pid.
 */
export async function stopEngine(node, signal = 'SIGTERM') {
  const pid = enginePid(node);
  if (pid !== undefined) {
    process.kill(pid, signal);
    await until(`engine ${node.name} (pid ${pid}) to exit`, () => !alive(pid));
  }
  const leftovers = () => [...new Set([...namespacePids(node), ...cgroupPids(node)])].filter(alive);
  for (const orphan of leftovers()) kill(orphan);
  await until(`the processes of ${node.name} to end`, () => leftovers().length === 0);
}

/** The pids in the node's cgroup parent (every controller: cgroup v1 lists each process in each). */
function cgroupPids(node) {
  const pids = (dir) =>
    !existsSync(dir) ? [] : [
      ...readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number),
      ...readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).flatMap((entry) => pids(join(dir, entry.name))),
    ];
  return readdirSync(CGROUP_ROOT).flatMap((controller) => pids(join(CGROUP_ROOT, controller, cgroupParent(node))));
}

function kill(pid) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // it ended on its own meanwhile
  }
}

async function until(what, done) {
  const deadline = Date.now() + ENGINE_STOP_TIMEOUT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ENGINE_STOP_TIMEOUT_MS / 1000} s waiting for ${what}.`);
    await sleep(100);
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Deletes a stopped node: its namespace, state, identity and cgroup parents. */
export function removeNode(node) {
  const paths = nodePaths(node);
  if (netnsExists(node.name)) sh('ip', ['netns', 'del', node.name]);
  for (const dir of [paths.run, paths.dataRoot, `/etc/netns/${node.name}`]) rmSync(dir, { recursive: true, force: true });
  try {
    rmdirSync('/etc/netns');
  } catch {
    // still holds another node's identity (or was never there)
  }
  for (const controller of readdirSync(CGROUP_ROOT)) removeCgroupTree(join(CGROUP_ROOT, controller, cgroupParent(node)));
}

/** Cgroup folders can only be removed empty and leaves first (rmdir, never rm -r). */
function removeCgroupTree(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeCgroupTree(join(dir, entry.name));
  try {
    rmdirSync(dir);
  } catch (error) {
    // cpu and cpuacct are one hierarchy reached by two names: the first name removed it already.
    if (error.code !== 'ENOENT') throw error;
  }
}

/** GET `path` on the node's engine API; resolves with { status, body } or null when nothing answers. */
export function engineGet(socketPath, path) {
  return new Promise((resolve) => {
    const req = request({ socketPath, path, timeout: 3_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}

/** Whether the node's engine answers its /_ping. */
export async function engineAnswers(node) {
  return (await engineGet(nodePaths(node).socket, '/_ping'))?.status === 200;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
