import { describe, expect, it } from 'vitest';
import type { EngineNode, EngineTask } from '../engine/docker-engine.js';
import { nodeDownReason, planRepairs, type DesiredTenant, type ObservedService, type ObservedSwarm, type Repair } from './plan-repairs.js';

// Table tests of the swarm reconciler's plan (issue 12): no engine, plain observations.

const NOW = 1_000_000;
const node = (id: string, state = 'ready'): EngineNode => ({
  id, hostname: `host-${id}`, role: 'worker', availability: 'active', state, labels: {}, engineLabels: {},
});
const task = (serviceName: string, state = 'running', nodeId = 'n1'): EngineTask => ({
  id: `${serviceName}-${state}`, serviceName, nodeId, state, message: '',
});
const broker = (replicas: number, state = 'running'): ObservedService => ({ replicas, labels: { 'pactsafs.state': state } });
const db: ObservedService = { replicas: 1, labels: {} };
const acme = (changes: Partial<DesiredTenant> = {}): DesiredTenant => ({ name: 'acme', state: 'running', replicas: 2, node: 'n1', reason: null, ...changes });

function observed(changes: Partial<ObservedSwarm> = {}): ObservedSwarm {
  return {
    services: new Map([['pactsafs-acme-db', db], ['pactsafs-acme-broker', broker(2)]]),
    tasks: [task('pactsafs-acme-db'), task('pactsafs-acme-broker')],
    nodes: new Map([['n1', node('n1')], ['n2', node('n2')]]),
    repairs: new Map(),
    ...changes,
  };
}

describe('planRepairs', () => {
  it.each<[string, DesiredTenant, Partial<ObservedSwarm>, Repair[]]>([
    ['a running tenant that matches: nothing', acme(), {}, []],
    ['a stopped tenant at 0 replicas: nothing', acme({ state: 'stopped' }), { services: new Map([['pactsafs-acme-db', db], ['pactsafs-acme-broker', broker(0, 'stopped')]]) }, []],
    ['broker service missing → recreate it', acme(), { services: new Map([['pactsafs-acme-db', db]]) }, [{ kind: 'recreate-broker', tenant: 'acme' }]],
    ['broker service missing while stopped → recreate it (at 0 replicas)', acme({ state: 'stopped' }), { services: new Map([['pactsafs-acme-db', db]]) }, [{ kind: 'recreate-broker', tenant: 'acme' }]],
    ['replicas differ from the desired 2 → scale', acme(), { services: new Map([['pactsafs-acme-db', db], ['pactsafs-acme-broker', broker(1)]]) }, [{ kind: 'scale-broker', tenant: 'acme', replicas: 2, state: 'running' }]],
    ['stopped, but the broker was scaled up by hand → back to 0', acme({ state: 'stopped' }), { services: new Map([['pactsafs-acme-db', db], ['pactsafs-acme-broker', broker(1, 'stopped')]]) }, [{ kind: 'scale-broker', tenant: 'acme', replicas: 0, state: 'stopped' }]],
    // Issue 13: a sleeping tenant is at 0 replicas with its own label; one the engine still runs is scaled down.
    ['a sleeping tenant at 0 replicas: nothing', acme({ state: 'sleeping' }), { services: new Map([['pactsafs-acme-db', db], ['pactsafs-acme-broker', broker(0, 'sleeping')]]) }, []],
    ['sleeping, but the broker still runs → 0 replicas, labelled sleeping', acme({ state: 'sleeping' }), { services: new Map([['pactsafs-acme-db', db], ['pactsafs-acme-broker', broker(2)]]) }, [{ kind: 'scale-broker', tenant: 'acme', replicas: 0, state: 'sleeping' }]],
    ['replicas right but the state label says stopped → label set again', acme(), { services: new Map([['pactsafs-acme-db', db], ['pactsafs-acme-broker', broker(2, 'stopped')]]) }, [{ kind: 'scale-broker', tenant: 'acme', replicas: 2, state: 'running' }]],
    ['db task not running on a node that is down → failed, naming the node', acme(), { tasks: [task('pactsafs-acme-broker')], nodes: new Map([['n1', node('n1', 'down')]]) }, [{ kind: 'fail', tenant: 'acme', reason: nodeDownReason('host-n1') }]],
    ['db node gone from the swarm → failed, naming its id', acme(), { tasks: [], nodes: new Map([['n2', node('n2')]]) }, [{ kind: 'fail', tenant: 'acme', reason: nodeDownReason('n1') }]],
    ['db task not running, but its node is ready (Swarm restarts it): nothing', acme(), { tasks: [task('pactsafs-acme-db', 'starting')] }, []],
    ['a stopped tenant whose node is down stays stopped', acme({ state: 'stopped' }), { services: new Map([['pactsafs-acme-db', db], ['pactsafs-acme-broker', broker(0, 'stopped')]]), tasks: [], nodes: new Map([['n1', node('n1', 'down')]]) }, []],
    ['db service removed outside the platform → failed', acme(), { services: new Map([['pactsafs-acme-broker', broker(2)]]) }, [{ kind: 'fail', tenant: 'acme', reason: 'Its database service pactsafs-acme-db was removed outside the platform. Restore a backup into a new tenant, or remove this one.' }]],
    ['failed for its node, node back and db running → recovered', acme({ state: 'failed', reason: nodeDownReason('host-n1') }), {}, [{ kind: 'recover', tenant: 'acme' }]],
    ['failed for its node, node back but db not running yet: nothing', acme({ state: 'failed', reason: nodeDownReason('host-n1') }), { tasks: [task('pactsafs-acme-db', 'preparing')] }, []],
    ['failed for another reason: left failed', acme({ state: 'failed', reason: 'The broker did not answer.' }), {}, []],
    ['first retry of a repair 0.5 s after the first → later', acme(), { services: new Map([['pactsafs-acme-db', db]]), repairs: new Map([['acme', { attempts: 1, lastAt: NOW - 500 }]]) }, [{ kind: 'retry-later', tenant: 'acme', afterMs: 500 }]],
    ['first retry 1 s after the first → now', acme(), { services: new Map([['pactsafs-acme-db', db]]), repairs: new Map([['acme', { attempts: 1, lastAt: NOW - 1000 }]]) }, [{ kind: 'recreate-broker', tenant: 'acme' }]],
    ['fourth retry waits 8 s', acme(), { services: new Map([['pactsafs-acme-db', db]]), repairs: new Map([['acme', { attempts: 4, lastAt: NOW - 7000 }]]) }, [{ kind: 'retry-later', tenant: 'acme', afterMs: 1000 }]],
    ['backoff is capped at 30 s', acme(), { services: new Map([['pactsafs-acme-db', db], ['pactsafs-acme-broker', broker(1)]]), repairs: new Map([['acme', { attempts: 12, lastAt: NOW - 30_000 }]]) }, [{ kind: 'scale-broker', tenant: 'acme', replicas: 2, state: 'running' }]],
    ['a node-down failure is recorded at once, whatever the backoff', acme(), { tasks: [], nodes: new Map([['n1', node('n1', 'down')]]), repairs: new Map([['acme', { attempts: 3, lastAt: NOW }]]) }, [{ kind: 'fail', tenant: 'acme', reason: nodeDownReason('host-n1') }]],
    ['creating and removing tenants are left to their operation', acme({ state: 'creating' }), { services: new Map() }, []],
  ])('%s', (_title, tenant, observation, repairs) => {
    expect(planRepairs([tenant], observed(observation), NOW)).toEqual(repairs);
  });

  it('plans each tenant on its own: one broken tenant does not hide another', () => {
    const services = new Map([
      ['pactsafs-acme-db', db], ['pactsafs-acme-broker', broker(2)],
      ['pactsafs-beta-db', db],
    ]);
    const tasks = [task('pactsafs-acme-db'), task('pactsafs-beta-db', 'running', 'n2')];
    expect(planRepairs([acme(), acme({ name: 'beta', node: 'n2', replicas: 1 })], observed({ services, tasks }), NOW)).toEqual([
      { kind: 'recreate-broker', tenant: 'beta' },
    ]);
  });
});
