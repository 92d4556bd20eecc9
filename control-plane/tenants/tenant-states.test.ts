import { describe, expect, it } from 'vitest';
import { STATE_AFTER, transitionProblem, type TenantState } from './tenant-states.js';

describe('tenant state transitions', () => {
  it.each<[TenantState, 'start' | 'stop' | 'remove' | 'restore' | 'upgrade', boolean]>([
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
  ])('%s --%s--> allowed: %s', (state, operation, allowed) => {
    const problem = transitionProblem('acme', state, operation);
    if (allowed) expect(problem).toBeUndefined();
    else expect(problem).toBe(`Tenant "acme" is ${state}; it cannot ${operation} from that state.`);
  });

  it('start and create end running, stop ends stopped', () => {
    expect(STATE_AFTER).toMatchObject({ create: 'running', start: 'running', stop: 'stopped' });
  });
});
