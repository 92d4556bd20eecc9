import { describe, expect, it } from 'vitest';
import { BadRequestError, ConflictError } from '../../../shared/errors.js';
import type { EngineNode } from '../engine/docker-engine.js';
import { moveTarget } from './move-target.js';

// Pure planning (issue 12, item 5): which node a move may go to, from the nodes as the engine lists them.
const node = (id: string, changes: Partial<EngineNode> = {}): EngineNode => ({
  id, hostname: `sw${id}`, role: 'worker', availability: 'active', state: 'ready', labels: {}, engineLabels: {}, ...changes,
});
const nodes = [node('1', { role: 'manager' }), node('2'), node('3', { availability: 'drain' }), node('4', { state: 'down' })];

describe('moveTarget', () => {
  it('finds a ready, active node by id or by host name', () => {
    expect(moveTarget(nodes, '1', '2', []).id).toBe('1');
    expect(moveTarget(nodes, 'sw1', '2', []).id).toBe('1');
  });

  it.each<[string, string[], typeof BadRequestError | typeof ConflictError, RegExp]>([
    ['sw9', [], BadRequestError, /^There is no swarm node "sw9"/],
    ['sw2', [], ConflictError, /already on node sw2/],
    ['sw3', [], ConflictError, /^Node sw3 is drained/],
    ['sw4', [], ConflictError, /^Node sw4 is down, not ready/],
    ['sw1', ['node.role==worker'], ConflictError, /does not match PACTSAFS_SWARM_CONSTRAINTS \(node.role==worker\)/],
  ])('refuses %s (constraints %j) with the node list', (query, constraints, type, sentence) => {
    const refusal = (() => {
      try {
        moveTarget(nodes, query, '2', constraints);
      } catch (error) {
        return error as Error;
      }
      throw new Error('not refused');
    })();
    expect(refusal).toBeInstanceOf(type);
    expect(refusal.message).toMatch(sentence);
    expect(refusal.message).toContain("The swarm's nodes: sw1 (id 1, manager, ready, active); sw2 (id 2, worker, ready, active); sw3 (id 3, worker, ready, drain); sw4 (id 4, worker, down, active).");
  });

  it('asks for the id when two nodes share a host name', () => {
    expect(() => moveTarget([node('1'), node('5', { hostname: 'sw1' })], 'sw1', '2', [])).toThrow(/name the node by its id/);
  });
});
