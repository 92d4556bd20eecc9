// Provides what the Docker-runtime suites need: a Docker engine answering on the default socket,
// and our images (built without a registry, see compose/images/). Plain JS: it runs before tsx.
// Facts behind the choices: /work/shared/docker-local.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, closeSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

const SOCKET_PATH = '/var/run/docker.sock';
// Under /var/log so the engine's log outlives the test run, like the engine itself.
const DOCKERD_LOG = '/var/log/pactsafs-dockerd.log';
const ENGINE_START_TIMEOUT_MS = 60_000;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMAGES_FILE = new URL('../../compose/images/images.json', import.meta.url);

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
  if (!commandExists('dockerd')) installDockerPackage(log);
  await startEngine(log);
}

/** Builds (via `npm run images`' script) the images listed in compose/images/images.json that are missing. */
export async function ensureImages({ log = console.log } = {}) {
  const images = JSON.parse(readFileSync(IMAGES_FILE, 'utf8'));
  const missing = [];
  for (const image of Object.values(images)) {
    if (!(await imageExists(image.tag))) missing.push(image.tag);
  }
  if (missing.length === 0) return;
  log(`building missing images: ${missing.join(', ')} (npm run images)`);
  const started = Date.now();
  // The build script skips images that already exist, so running it whole builds only these.
  const build = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'compose/images/build-images.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) throw new Error(`Building images failed (exit ${build.status}); see the output above.`);
  log(`images built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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

async function imageExists(tag) {
  const status = await engineGet(`/images/${encodeURIComponent(tag)}/json`);
  if (status === 200) return true;
  if (status === 404) return false;
  throw new Error(`The Docker engine did not answer about image ${tag} (status ${status}).`);
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function installDockerPackage(log) {
  log('installing the Docker engine (apt-get install docker.io)');
  const install = () => runApt(['install', '-y', '--no-install-recommends', 'docker.io']);
  let result = install();
  // A fresh machine has no package lists yet: fetch them once, then retry.
  if (result.status !== 0) {
    const update = runApt(['update']);
    if (update.status !== 0) throw aptError('apt-get update', update);
    result = install();
  }
  if (result.status !== 0) throw aptError('apt-get install docker.io', result);
}

function runApt(args) {
  return spawnSync('apt-get', args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function aptError(what, result) {
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-10).join('\n');
  return new Error(`${what} failed (exit ${result.status}):\n${output || result.error?.message}`);
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

function lastLines(file, count) {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
}
