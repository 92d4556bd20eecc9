// Provides the PostgreSQL server the broker's suites run against: our own throwaway cluster on
// 127.0.0.1, never the system's. Plain JS: it runs before tsx.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { aptInstall } from './apt.mjs';
import { commandError, lastLines } from './command-output.mjs';

// Under /var/tmp so the cluster survives reboots of /tmp and outlives the test run, like dockerd.
const ROOT = '/var/tmp/pactsafs-test-pg';
const CLUSTER = join(ROOT, 'cluster');
const DATA_DIR = join(CLUSTER, 'data');
const PASSWORD_FILE = join(CLUSTER, 'password');
const LOG_FILE = join(CLUSTER, 'postgres.log');
const PORT = 54329;
const SUPERUSER = 'pactsafs_test';
const OS_USER = 'postgres';
const START_TIMEOUT_S = 60;

// A test cluster holds only throwaway databases: durability is traded for speed, and parallel
// suites (each with its own database and a pool) need more connections than the default 100.
const SERVER_SETTINGS = {
  listen_addresses: "'127.0.0.1'",
  port: String(PORT),
  unix_socket_directories: `'${CLUSTER}'`,
  max_connections: '300',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
};

/**
 * Makes sure our test cluster answers on 127.0.0.1:54329, installing PostgreSQL and creating or
 * starting the cluster as root; returns a superuser URL under which tests may create databases.
 */
export async function ensurePostgres({ log = console.log } = {}) {
  const existing = readPassword();
  if (existing !== undefined && (await answers(superuserUrl(existing)))) return superuserUrl(existing);
  if (process.getuid?.() !== 0) {
    throw new Error(
      `No PostgreSQL test server that this user can log in to answers on 127.0.0.1:${PORT}, and only root can install and start one here. ` +
        'Fix: run the tests once as root (it installs Debian\'s postgresql and starts a cluster in ' +
        `${ROOT}), or set PACTSAFS_TEST_POSTGRES_URL to a superuser URL of a server where tests may create databases.`,
    );
  }
  const bin = postgresBinDir() ?? installPostgres(log);
  if (!existsSync(PASSWORD_FILE)) createCluster(bin, log);
  startCluster(bin, log);
  const started = superuserUrl(readFileSync(PASSWORD_FILE, 'utf8').trim());
  if (!(await answers(started))) {
    throw new Error(`The PostgreSQL test cluster started but refuses our superuser. Last lines of ${LOG_FILE}:\n${lastLines(LOG_FILE, 15)}`);
  }
  return started;
}

/** The superuser's password, or undefined when there is no cluster yet or this user may not read it. */
function readPassword() {
  try {
    return readFileSync(PASSWORD_FILE, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function superuserUrl(password) {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${PORT}/postgres`;
}

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The newest installed server's bin folder (Debian keeps them out of PATH), or undefined. */
function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((version) => existsSync(join(base, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(base, versions[0], 'bin');
}

function installPostgres(log) {
  aptInstall(['postgresql'], log);
  const bin = postgresBinDir();
  if (!bin) throw new Error('apt-get installed postgresql, but no initdb was found under /usr/lib/postgresql/*/bin.');
  return bin;
}

/**
 * initdb in a staging folder renamed into place at the end, so that a run interrupted half-way, or
 * two runs starting at once, never leave a cluster without its password file.
 */
function createCluster(bin, log) {
  log(`creating the PostgreSQL test cluster in ${CLUSTER}`);
  const staging = join(ROOT, `staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const { uid, gid } = osUser();
  chownSync(ROOT, uid, gid);
  chownSync(staging, uid, gid);
  const password = randomBytes(18).toString('base64url');
  writeFileSync(join(staging, 'password'), `${password}\n`, { mode: 0o600 });
  chownSync(join(staging, 'password'), uid, gid);
  const initdb = asPostgres(join(bin, 'initdb'), [
    '-D', join(staging, 'data'),
    '-U', SUPERUSER,
    `--pwfile=${join(staging, 'password')}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
  ]);
  if (initdb.status !== 0) throw commandError('initdb', initdb);
  const settings = Object.entries(SERVER_SETTINGS).map(([name, value]) => `${name} = ${value}`);
  writeFileSync(join(staging, 'data', 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
  chownSync(join(staging, 'data', 'postgresql.auto.conf'), uid, gid);
  try {
    renameSync(staging, CLUSTER);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(PASSWORD_FILE)) throw error;
    log('another run created the cluster first; using it');
  }
}

function startCluster(bin, log) {
  log(`starting the PostgreSQL test cluster on 127.0.0.1:${PORT} (log: ${LOG_FILE})`);
  // pg_ctl puts the server in its own session: it keeps running after the tests, for the next run.
  const start = asPostgres(join(bin, 'pg_ctl'), ['-D', DATA_DIR, '-l', LOG_FILE, '-w', '-t', String(START_TIMEOUT_S), 'start']);
  // A concurrent run may have started it a moment ago; the caller's check decides.
  if (start.status !== 0 && asPostgres(join(bin, 'pg_ctl'), ['-D', DATA_DIR, 'status']).status !== 0) {
    throw new Error(`${commandError('pg_ctl start', start).message}\nLast lines of ${LOG_FILE}:\n${lastLines(LOG_FILE, 15)}`);
  }
}

function asPostgres(command, args) {
  const { uid, gid } = osUser();
  return spawnSync(command, args, { uid, gid, cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } });
}

function osUser() {
  const id = (flag) => Number(spawnSync('id', [flag, OS_USER], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid === 0) throw new Error(`The "${OS_USER}" user that PostgreSQL runs as does not exist; the postgresql package creates it.`);
  return { uid, gid };
}
