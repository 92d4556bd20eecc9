import { describe, expect, it } from 'vitest';
import { SWARM_ENGINE_LAYOUT } from '../setup/swarm-engine.mjs';
import { claimLabSlot, LAB_LIMITS, labNetwork, labNodeSpec, labOverlayPool } from './swarm-lab-slots.js';

/** [first, last] address of a CIDR block, as 32-bit numbers. */
function range(cidr: string): [number, number] {
  const [address, bits] = cidr.split('/') as [string, string];
  const start = address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
  const size = 2 ** (32 - Number(bits));
  const first = start - (start % size);
  return [first, first + size - 1];
}

const hostNetwork = (address: string) => `${address}/24`;
const slots = Array.from({ length: LAB_LIMITS.labs }, (_, i) => i + 1);
const indexes = Array.from({ length: LAB_LIMITS.nodes }, (_, i) => i + 1);

// Every address range a lab or sw1 may take, named for the failure message.
const ranges: [string, string][] = [
  ['main docker0', '172.17.0.0/16'],
  ['main docker_gwbridge', '172.31.0.0/16'],
  ['sw1 node network', hostNetwork(SWARM_ENGINE_LAYOUT.network.hostAddress)],
  ['sw1 docker0', SWARM_ENGINE_LAYOUT.node.bip],
  ['sw1 local networks', SWARM_ENGINE_LAYOUT.node.pool],
  ['sw1 overlays', SWARM_ENGINE_LAYOUT.overlayPool],
  ...slots.flatMap((slot): [string, string][] => [
    [`lab ${slot} node network`, hostNetwork(labNetwork(slot).hostAddress)],
    [`lab ${slot} overlays`, labOverlayPool(slot)],
    ...indexes.flatMap((index): [string, string][] => [
      [`lab ${slot} node ${index} docker0`, labNodeSpec(slot, index).bip],
      [`lab ${slot} node ${index} local networks`, labNodeSpec(slot, index).pool],
    ]),
  ]),
];

describe('swarm lab slots', () => {
  it('give every lab, node and sw1 address ranges that overlap no other', () => {
    const overlaps = ranges.flatMap(([name, cidr], i) =>
      ranges.slice(i + 1).flatMap(([other, otherCidr]) => {
        const [[a1, a2], [b1, b2]] = [range(cidr), range(otherCidr)];
        return a1 <= b2 && b1 <= a2 ? [`${name} ${cidr} overlaps ${other} ${otherCidr}`] : [];
      }),
    );
    expect(overlaps).toEqual([]);
  });

  it('put every node on its lab node network, apart from the host address', () => {
    for (const slot of slots) {
      const [first, last] = range(hostNetwork(labNetwork(slot).hostAddress));
      const addresses = indexes.map((index) => range(`${labNodeSpec(slot, index).address}/32`)[0]);
      expect(addresses.every((address) => address > first && address < last)).toBe(true);
      expect(new Set([...addresses, range(`${labNetwork(slot).hostAddress}/32`)[0]]).size).toBe(LAB_LIMITS.nodes + 1);
    }
  });

  it('use names that fit a network interface (15 characters) and differ from sw1', () => {
    const names = slots.flatMap((slot) => [labNetwork(slot).hub, labNetwork(slot).hostLink, ...indexes.map((index) => labNodeSpec(slot, index).name)]);
    expect(names.filter((name) => name.length > 15)).toEqual([]);
    expect(new Set([...names, SWARM_ENGINE_LAYOUT.network.hub, SWARM_ENGINE_LAYOUT.network.hostLink, SWARM_ENGINE_LAYOUT.node.name]).size).toBe(names.length + 3);
  });

  it('refuse a lab of more nodes than a slot has room for, before touching anything', async () => {
    await expect(claimLabSlot(LAB_LIMITS.nodes + 1)).rejects.toThrow(`A swarm lab has 1 to ${LAB_LIMITS.nodes} nodes, not ${LAB_LIMITS.nodes + 1}.`);
  });
});
