import { describe, expect, it } from 'vitest';
import { parseManifest } from './backup-manifest.js';

const good = { format: 'pactsafs-backup', formatVersion: 1, tenant: 'acme', runtime: 'embedded', broker: { flavour: 'pactsafs', version: '2.120.0' }, schemaVersion: '004-webhooks', createdAt: 'x', platformVersion: '0.1.0', counts: { versions: 3 } };

describe('parseManifest', () => {
  it('accepts a manifest of this format, and an older schema version', () => {
    expect(parseManifest(JSON.stringify(good)).tenant).toBe('acme');
    expect(parseManifest(JSON.stringify({ ...good, schemaVersion: '002-environments' })).schemaVersion).toBe('002-environments');
  });

  it("accepts the official image's SQL dump, whose schema the Ruby broker migrates itself", () => {
    expect(parseManifest(JSON.stringify({ ...good, broker: { flavour: 'official', version: '?' }, schemaVersion: null, counts: {} })).broker.flavour).toBe('official');
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['another format', JSON.stringify({ ...good, format: 'zip' }), /does not describe a Pact Broker SafS backup/],
    ['a newer format version', JSON.stringify({ ...good, formatVersion: 2 }), /format version 2; this platform reads version 1/],
    ['an unknown broker', JSON.stringify({ ...good, broker: { flavour: 'other' } }), /flavour "other"/],
    ['an unknown schema', JSON.stringify({ ...good, schemaVersion: '005-later' }), /made by a newer platform/],
    ['bad counts', JSON.stringify({ ...good, counts: { versions: 'many' } }), /no valid row counts/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseManifest(text)).toThrow(message);
  });
});
