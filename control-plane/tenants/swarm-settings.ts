import type { RuntimeKind } from '../../shared/config.js';
import { BadRequestError } from '../../shared/errors.js';

/** Our broker is stateless on PostgreSQL, so several replicas may serve one tenant (issue 12); more than 10 is surely a typo. */
const MAX_BROKER_REPLICAS = 10;

/** A create request's `brokerReplicas`, checked; undefined when it names none (one replica). Only swarm tenants have replicas. */
export function parseBrokerReplicas(value: unknown, runtime: RuntimeKind): number | undefined {
  if (value === undefined) return undefined;
  if (runtime !== 'swarm') throw new BadRequestError(`"brokerReplicas" is a setting of swarm tenants; this tenant's runtime is ${runtime}.`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_BROKER_REPLICAS) {
    throw new BadRequestError(`"brokerReplicas" must be a whole number from 1 to ${MAX_BROKER_REPLICAS}; got ${JSON.stringify(value)}.`);
  }
  return value;
}

/**
 * An upgrade request's `image`: an image reference as Docker writes them (`name[:tag][@digest]`,
 * lower case, optionally with a registry host). Not looked up anywhere: the swarm runs it.
 */
export function parseBrokerImage(value: unknown): string {
  if (typeof value !== 'string' || value.length > 255 || !/^[a-z0-9]+([._/:-][a-z0-9]+)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/.test(value)) {
    throw new BadRequestError(`"image" must be an image reference like pactfoundation/pact-broker:2.135.0 or pactsafs/broker:local; got ${JSON.stringify(value)}.`);
  }
  return value;
}
