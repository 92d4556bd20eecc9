// Debian packages the test setup installs as root (docker.io, postgresql, docker-compose).
import { spawnSync } from 'node:child_process';
import { commandError } from './command-output.mjs';

/** `apt-get install` of `packages`; on a fresh machine without package lists, `apt-get update` once and retry. */
export function aptInstall(packages, log) {
  log(`installing ${packages.join(', ')} (apt-get install)`);
  const install = () => runApt(['install', '-y', '--no-install-recommends', ...packages]);
  let result = install();
  if (result.status !== 0) {
    const update = runApt(['update']);
    if (update.status !== 0) throw commandError('apt-get update', update);
    result = install();
  }
  if (result.status !== 0) throw commandError(`apt-get install ${packages.join(' ')}`, result);
}

function runApt(args) {
  return spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
