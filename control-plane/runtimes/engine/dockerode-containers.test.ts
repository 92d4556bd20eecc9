import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { containerDetailsOf, containerOf } from './dockerode-containers.js';

// The adapter's translation of the engine's answers into the interface's terms (issue 12): pure, no engine.
describe('dockerode containers', () => {
  const inspected = (overrides: Record<string, unknown>) =>
    ({
      Id: 'c1',
      Name: '/pactsafs-acme-broker',
      Config: { Image: 'pactsafs/broker:local', Env: ['A=1'], Labels: { 'pactsafs.tenant': 'acme' } },
      State: { Status: 'exited', Running: false },
      NetworkSettings: { Networks: { 'pactsafs-acme': { IPAddress: '' } } },
      HostConfig: {},
      ...overrides,
    }) as unknown as Dockerode.ContainerInspectInfo;

  it.each([
    ['a broker made before issue 12, published on loopback', { '9292/tcp': [{ HostIp: '127.0.0.1', HostPort: '20007' }] }, true],
    ['a broker with no port bindings', {}, false],
    ['a broker whose bindings are empty', { '9292/tcp': [] }, false],
    ['a broker whose engine reports null bindings', { '9292/tcp': null }, false],
    ['a broker with no PortBindings at all', undefined, false],
  ])('tells whether %s publishes a port (such a container is recreated)', (_name, bindings, expected) => {
    expect(containerDetailsOf(inspected({ HostConfig: { PortBindings: bindings } })).publishesPorts).toBe(expected);
  });

  it('names an inspected container without its slash, and gives no address on a network while it is stopped', () => {
    expect(containerDetailsOf(inspected({}))).toEqual({
      id: 'c1',
      name: 'pactsafs-acme-broker',
      labels: { 'pactsafs.tenant': 'acme' },
      state: 'exited',
      addresses: {},
      image: 'pactsafs/broker:local',
      env: ['A=1'],
      publishesPorts: false,
    });
  });

  it('reads a listed container: its first name, state and addresses', () => {
    const listed = {
      Id: 'c2',
      Names: ['/pactsafs-acme-db'],
      Labels: { 'pactsafs.role': 'db' },
      State: 'running',
      NetworkSettings: { Networks: { 'pactsafs-acme': { IPAddress: '172.20.0.2' }, 'pactsafs-gateway': { IPAddress: '' } } },
    } as unknown as Dockerode.ContainerInfo;
    expect(containerOf(listed)).toEqual({ id: 'c2', name: 'pactsafs-acme-db', labels: { 'pactsafs.role': 'db' }, state: 'running', addresses: { 'pactsafs-acme': '172.20.0.2' } });
  });
});
