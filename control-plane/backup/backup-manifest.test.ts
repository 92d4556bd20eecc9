import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../shared/errors.js';
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

  // Issue 11: the manifest's tenant is shown and logged, so it must be a name a tenant could have.
  it.each([
    ['a path', '../../etc', /does not name a valid tenant: The tenant name "..\/..\/etc" may contain only lowercase letters/],
    ['markup', '<img src=x onerror=alert(1)>', /does not name a valid tenant/],
    ['a huge name, not echoed whole', 'a'.repeat(100_000), /^Its manifest.json does not name a valid tenant: The tenant name "a{41}" is 41 characters long; the limit is 40\.$/],
    ['no name', undefined, /does not name a valid tenant: A tenant needs a name/],
    ['a number', 42, /does not name a valid tenant/],
  ])('refuses a tenant that is %s with 400', (_name, tenant, message) => {
    const parse = () => parseManifest(JSON.stringify({ ...good, tenant }));
    expect(parse).toThrow(BadRequestError);
    expect(parse).toThrow(message);
  });
});
