import { describe, expect, it } from 'vitest';
import type { EngineNode } from '../engine/docker-engine.js';
import { chooseNode, nodeMatches } from './node-placement.js';

const node = (id: string, changes: Partial<EngineNode> = {}): EngineNode => ({
  id, hostname: `sw${id}`, role: 'worker', availability: 'active', state: 'ready', labels: {}, engineLabels: {}, ...changes,
});

describe('nodeMatches (Swarm constraint syntax)', () => {
  it.each<[string, Partial<EngineNode>, boolean]>([
    ['node.role==manager', { role: 'manager' }, true],
    ['node.role == worker', { role: 'manager' }, false],
    ['node.role!=manager', {}, true],
    ['node.hostname==sw1', {}, true],
    ['node.id==1', {}, true],
    ['node.labels.pactsafs==true', { labels: { pactsafs: 'true' } }, true],
    ['node.labels.pactsafs==true', {}, false],
    ['node.labels.zone!=b', {}, true],
    ['engine.labels.disk==ssd', { engineLabels: { disk: 'ssd' } }, true],
    ['node.role=worker', {}, false],
  ])('%s on %j → %s', (constraint, changes, expected) => {
    expect(nodeMatches(node('1', changes), constraint)).toBe(expected);
  });
});

describe('chooseNode', () => {
  const nodes = [node('1', { role: 'manager' }), node('2'), node('3')];

  it('spreads by tenant count, ties by host name', () => {
    expect(chooseNode(nodes, [], new Map())?.id).toBe('1');
    expect(chooseNode(nodes, [], new Map([['1', 1]]))?.id).toBe('2');
    expect(chooseNode(nodes, [], new Map([['1', 1], ['2', 1]]))?.id).toBe('3');
    expect(chooseNode(nodes, [], new Map([['1', 2], ['2', 1], ['3', 2]]))?.id).toBe('2');
  });

  it('only ready, active nodes that match every constraint', () => {
    const mixed = [node('1', { state: 'down' }), node('2', { availability: 'drain' }), node('3', { labels: { db: 'no' } }), node('4', { labels: { db: 'yes' } })];
    expect(chooseNode(mixed, ['node.labels.db==yes'], new Map([['4', 9]]))?.id).toBe('4');
    expect(chooseNode(mixed, ['node.role==manager'], new Map())).toBeUndefined();
  });
});
