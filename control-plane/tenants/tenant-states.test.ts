import { describe, expect, it } from 'vitest';
import { STATE_AFTER, transitionProblem, type TenantState } from './tenant-states.js';

describe('tenant state transitions', () => {
  it.each<[TenantState, 'start' | 'stop' | 'remove' | 'restore' | 'upgrade' | 'backup' | 'sleep' | 'wake', boolean]>([
    ['stopped', 'start', true],
    ['failed', 'start', true],
    ['running', 'start', true],
    ['removing', 'start', false],
    ['running', 'stop', true],
    ['failed', 'stop', true],
    ['creating', 'stop', false],
    ['removing', 'stop', false],
    ['running', 'remove', true],
    ['failed', 'remove', true],
    ['removing', 'remove', true],
    ['failed', 'restore', true],
    ['creating', 'restore', false],
    ['stopped', 'restore', true],
    ['running', 'upgrade', true],
    ['stopped', 'upgrade', true],
    ['failed', 'upgrade', false],
    ['creating', 'upgrade', false],
    // Issue 13: sleeping tenants.
    ['running', 'sleep', true],
    ['stopped', 'sleep', false],
    ['failed', 'sleep', false],
    ['creating', 'sleep', false],
    ['sleeping', 'sleep', false],
    ['sleeping', 'wake', true],
    ['running', 'wake', false],
    ['stopped', 'wake', false],
    ['failed', 'wake', false],
    ['sleeping', 'start', true],
    ['sleeping', 'stop', true],
    ['sleeping', 'remove', true],
    ['sleeping', 'backup', true],
    ['sleeping', 'restore', true],
    ['sleeping', 'upgrade', true],
  ])('%s --%s--> allowed: %s', (state, operation, allowed) => {
    const problem = transitionProblem('acme', state, operation);
    if (allowed) expect(problem).toBeUndefined();
    else expect(problem).toBe(`Tenant "acme" is ${state}; it cannot ${operation} from that state.`);
  });

  it('start, create and wake end running, stop ends stopped, sleep ends sleeping', () => {
    expect(STATE_AFTER).toMatchObject({ create: 'running', start: 'running', stop: 'stopped', sleep: 'sleeping', wake: 'running' });
  });
});
