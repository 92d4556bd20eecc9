// Provides what the Docker-runtime suites need: a Docker engine answering on the default socket,
// and our images (built without a registry, see compose/images/). Plain JS: it runs before tsx.
// Facts behind the choices: docs/local-engines.md#docker-engine.
import { spawn, spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { aptInstall } from './apt.mjs';
import { lastLines } from './command-output.mjs';

const SOCKET_PATH = '/var/run/docker.sock';
// Under /var/log so the engine's log outlives the test run, like the engine itself.
const DOCKERD_LOG = '/var/log/pactsafs-dockerd.log';
const ENGINE_START_TIMEOUT_MS = 60_000;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Makes sure a Docker engine answers on /var/run/docker.sock, installing and starting one as root. */
export async function ensureDockerEngine({ log = console.log } = {}) {
  if (await engineAnswers()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `No Docker engine answers on ${SOCKET_PATH}, and only root can install or start one here. ` +
        'Fix: start dockerd (or run the tests as root, which installs Debian\'s docker.io and starts it), ' +
        `and give this user access to ${SOCKET_PATH} (e.g. the docker group).`,
    );
  }
  if (!commandExists('dockerd')) aptInstall(['docker.io'], log);
  await startEngine(log);
}

/** Builds the images that are missing or out of date (each is labelled with a hash of its inputs); keeps the rest. */
export async function ensureImages({ log = console.log } = {}) {
  const started = Date.now();
  const build = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'compose/images/build-images.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) throw new Error(`Building images failed (exit ${build.status}); see the output above.`);
  log(`images up to date in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** GET <path> on the engine's socket; resolves with the status code, or null when nothing answers. */
function engineGet(path) {
  return new Promise((resolve) => {
    const req = request({ socketPath: SOCKET_PATH, path, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}

async function engineAnswers() {
  return (await engineGet('/_ping')) === 200;
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

async function startEngine(log) {
  log(`starting dockerd (log: ${DOCKERD_LOG})`);
  const logFd = openSync(DOCKERD_LOG, 'a');
  // Detached in its own session and unreferenced: the engine keeps running after the tests end,
  // so later runs (and the containers they leave for inspection) find it again.
  const dockerd = spawn('dockerd', [], { detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exitCode = null;
  dockerd.on('exit', (code) => (exitCode = code));
  dockerd.unref();

  const deadline = Date.now() + ENGINE_START_TIMEOUT_MS;
  while (Date.now() < deadline && exitCode === null) {
    if (await engineAnswers()) {
      log(`dockerd answers (pid ${dockerd.pid})`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const why = exitCode === null ? `did not answer within ${ENGINE_START_TIMEOUT_MS / 1000} s` : `exited with code ${exitCode}`;
  throw new Error(`dockerd ${why}. Last lines of ${DOCKERD_LOG}:\n${lastLines(DOCKERD_LOG, 15)}`);
}
