import type { EnvironmentRow } from '../db/index.js';
import { timestamps } from '../hal/index.js';
import { generateDisplayName } from '../pacticipants/index.js';
import { currentlyDeployedVersionsUrl, currentlySupportedVersionsUrl, environmentsUrl, environmentUrl } from './environment-urls.js';

/** The name the Ruby broker shows for an environment; a row written without one gets the generated name. */
export function environmentDisplayName(environment: EnvironmentRow): string {
  return environment.display_name ?? generateDisplayName(environment.name);
}

/**
 * The environment resource (docs/broker-api.md#environments), also embedded in deployed and released versions.
 * `displayName` is always a string: the CLI's `list-environments` cannot read an entry without one.
 */
export function decorateEnvironment(environment: EnvironmentRow, baseUrl: string): Record<string, unknown> {
  const displayName = environmentDisplayName(environment);
  const body: Record<string, unknown> = {
    uuid: environment.uuid,
    name: environment.name,
    displayName,
    production: environment.production === 1,
  };
  if (environment.contacts !== null) body.contacts = JSON.parse(environment.contacts) as unknown;
  Object.assign(body, timestamps(environment));
  body._links = {
    self: { title: 'Environment', name: environment.name, href: environmentUrl(baseUrl, environment.uuid) },
    'pb:currently-deployed-deployed-versions': {
      title: `Versions currently deployed to ${displayName} environment`,
      href: currentlyDeployedVersionsUrl(baseUrl, environment.uuid),
    },
    'pb:currently-supported-released-versions': {
      title: `Versions released and supported in ${displayName} environment`,
      href: currentlySupportedVersionsUrl(baseUrl, environment.uuid),
    },
    'pb:environments': { title: 'Environments', href: environmentsUrl(baseUrl) },
  };
  return body;
}

/** `GET /environments`: the embedded list and one `pb:environments` link per environment. */
export function decorateEnvironments(environments: readonly EnvironmentRow[], baseUrl: string): unknown {
  return {
    _embedded: { environments: environments.map((environment) => decorateEnvironment(environment, baseUrl)) },
    _links: {
      self: { title: 'Environments', href: environmentsUrl(baseUrl) },
      'pb:environments': environments.map((environment) => ({
        title: 'Environment',
        name: environment.name,
        href: environmentUrl(baseUrl, environment.uuid),
      })),
    },
  };
}
