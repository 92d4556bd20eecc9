import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../shared/errors.js';
import { parseBrokerImage, parseBrokerReplicas } from './swarm-settings.js';

describe('swarm tenant settings (issue 12)', () => {
  it.each([[undefined, undefined], [1, 1], [3, 3], [10, 10]])('brokerReplicas %j → %j', (value, expected) => {
    expect(parseBrokerReplicas(value, 'swarm')).toBe(expected);
  });

  it.each([0, 11, 1.5, '2', null])('brokerReplicas %j is refused with a sentence', (value) => {
    expect(() => parseBrokerReplicas(value, 'swarm')).toThrow(/"brokerReplicas" must be a whole number from 1 to 10/);
  });

  it('brokerReplicas belongs to swarm tenants only', () => {
    expect(() => parseBrokerReplicas(2, 'docker')).toThrow(new BadRequestError('"brokerReplicas" is a setting of swarm tenants; this tenant\'s runtime is docker.'));
  });

  it.each(['pactsafs/broker:local', 'pactfoundation/pact-broker:2.135.0-pactbroker2.120.0', 'registry.example:5000/team/broker:v1', `broker@sha256:${'a'.repeat(64)}`])(
    'image %s is taken',
    (image) => expect(parseBrokerImage(image)).toBe(image),
  );

  it.each(['', 'Broker:Local', 'broker:', 'a b', '--help', 42, undefined])('image %j is refused', (image) => {
    expect(() => parseBrokerImage(image)).toThrow(/"image" must be an image reference/);
  });
});
