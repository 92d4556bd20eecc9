import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { forbiddenAddressKind } from './address-safety.js';
import { parseWebhookUrl } from './webhook-url.js';

/** What a webhook URL's host is classified as, after the URL parser made of it what the connect will use. */
function kindOfUrlHost(host: string): string | undefined {
  const parsed = parseWebhookUrl(`http://${host}:8080/hook`);
  return parsed ? forbiddenAddressKind(parsed.host) : 'not a URL';
}

// Issue 11: every embedding of IPv4 in IPv6 and every literal form the URL parser accepts. The public
// addresses are only classified here; no traffic is ever sent to them.
describe('forbiddenAddressKind over the host forms of a webhook URL', () => {
  it.each([
    // IPv4-mapped (::ffff:0:0/96)
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['[0:0:0:0:0:ffff:7f00:1]', 'loopback'],
    ['[0000:0000:0000:0000:0000:ffff:127.0.0.1]', 'loopback'],
    ['[::FFFF:7F00:1]', 'loopback'],
    ['[::ffff:a9fe:a9fe]', 'link-local'],
    ['[::ffff:169.254.169.254]', 'link-local'],
    ['[::ffff:10.0.0.1]', 'private'],
    ['[::ffff:c0a8:101]', 'private'],
    ['[::ffff:0.0.0.0]', 'unspecified'],
    ['[::ffff:8.8.8.8]', undefined],
    // IPv4-compatible (::/96, deprecated)
    ['[::127.0.0.1]', 'loopback'],
    ['[::7f00:1]', 'loopback'],
    ['[::a9fe:a9fe]', 'link-local'],
    ['[::8.8.8.8]', 'deprecated IPv4-compatible'],
    // SIIT (::ffff:0:0:0/96)
    ['[::ffff:0:7f00:1]', 'loopback'],
    ['[::ffff:0:808:808]', 'SIIT-translated'],
    // NAT64 (64:ff9b::/96, 64:ff9b:1::/48)
    ['[64:ff9b::127.0.0.1]', 'loopback'],
    ['[64:ff9b::a9fe:a9fe]', 'link-local'],
    ['[64:ff9b::8.8.8.8]', 'NAT64'],
    ['[64:ff9b:1::7f00:1]', 'NAT64'],
    // 6to4 (2002::/16, IPv4 in bits 16 to 48)
    ['[2002:7f00:1::]', 'loopback'],
    ['[2002:a9fe:a9fe::1]', 'link-local'],
    ['[2002:c0a8:101::5]', 'private'],
    ['[2002:808:808::]', '6to4'],
    // Teredo (2001::/32), refused whatever it embeds
    ['[2001:0:4136:e378:8000:63bf:3fff:fdd2]', 'Teredo'],
    ['[2001::1]', 'Teredo'],
    // IPv4 literals in decimal, octal, hex and short forms
    ['2130706433', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['017700000001', 'loopback'],
    ['127.1', 'loopback'],
    ['127.0.1', 'loopback'],
    ['127.0.0.1.', 'loopback'],
    ['%30x7f.1', 'loopback'],
    ['0', 'unspecified'],
    ['2852039166', 'link-local'],
    ['0xa9.0xfe.0xa9.0xfe', 'link-local'],
    // Zone ids: the URL parser refuses them, so no such webhook is created
    ['[fe80::1%25eth0]', 'not a URL'],
    ['[fe80::1%eth0]', 'not a URL'],
    ['[::ffff:127.0.0.1%25lo]', 'not a URL'],
    // IPv6 special-purpose ranges
    ['[::1]', 'loopback'],
    ['[::]', 'unspecified'],
    ['[fe80::1]', 'link-local'],
    ['[fd12::1]', 'private'],
    ['[fec0::1]', 'site-local'],
    ['[ff02::1]', 'multicast'],
    ['[100::1]', 'discard-only'],
    ['[2001:db8::1]', 'documentation'],
    ['[3fff::1]', 'documentation'],
    ['[2001:2::1]', 'protocol-assignment'],
    ['[5f00::1]', 'reserved'],
    ['[4000::1]', 'reserved'],
    // IPv4 special-purpose ranges
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['10.1.2.3', 'private'],
    ['172.20.0.5', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['192.0.0.8', 'protocol-assignment'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['192.88.99.1', '6to4-relay'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    // Public addresses stay allowed
    ['8.8.8.8', undefined],
    ['1.1.1.1', undefined],
    ['172.32.0.1', undefined],
    ['93.184.216.34', undefined],
    ['[2606:4700::1111]', undefined],
    ['[2a00:1450:4001:80b::200e]', undefined],
  ])('http://%s:8080/ → %s', (host, kind) => {
    expect(kindOfUrlHost(host)).toBe(kind);
  });
});

describe('forbiddenAddressKind over resolver answers', () => {
  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['fe80::1%eth0', 'link-local'],
    ['0177.0.0.1', 'malformed'],
    ['not-an-address', 'malformed'],
    ['8.8.8.8', undefined],
  ])('%s → %s', (address, kind) => {
    expect(forbiddenAddressKind(address)).toBe(kind);
  });

  it('refuses every range ipaddr.js knows as special, so an upgrade of it cannot go unnoticed', () => {
    const specialRanges = [ipaddr.IPv4.prototype, ipaddr.IPv6.prototype].flatMap((prototype) =>
      Object.entries((prototype as unknown as { SpecialRanges: Record<string, [ipaddr.IPv4 | ipaddr.IPv6, number] | [ipaddr.IPv4 | ipaddr.IPv6, number][]> }).SpecialRanges),
    );
    const networks = specialRanges.flatMap(([name, ranges]) =>
      (Array.isArray(ranges[0]) ? (ranges as [ipaddr.IPv4 | ipaddr.IPv6, number][]) : [ranges as [ipaddr.IPv4 | ipaddr.IPv6, number]]).map(([network]) => [name, network.toString()]),
    );
    const allowed = networks.filter(([, network]) => forbiddenAddressKind(network!) === undefined);
    expect(networks.length).toBeGreaterThan(25);
    expect(allowed).toEqual([]);
  });
});
