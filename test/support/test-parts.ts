/** The parts `npm test` provides and names in a variable once they are there (test/setup/run-tests.mjs). */
const PARTS = {
  docker: { variable: 'PACTSAFS_TEST_DOCKER', what: 'a Docker engine with our images' },
  compose: { variable: 'PACTSAFS_TEST_COMPOSE', what: 'docker-compose' },
  // Holds the Docker host of the swarm engine sw1 (unix:///run/sw1/docker.sock), issue 12.
  swarm: { variable: 'PACTSAFS_TEST_SWARM', what: 'a swarm engine of its own (test/setup/swarm-engine.mjs)' },
} as const;

/**
 * Whether `part` is here. Outside CI a missing part skips the suites that need it; in CI (CI=true)
 * a skip would hide that the part went untested, so the suite fails instead, as run-tests.mjs does.
 */
export function provided(part: keyof typeof PARTS): boolean {
  const { variable, what } = PARTS[part];
  if (process.env[variable]) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true: the suites that need ${what} must run; set ${variable} (npm test does).`);
  return false;
}
