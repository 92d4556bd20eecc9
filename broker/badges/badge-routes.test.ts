import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger.js';
import { openDatabase } from '../db/index.js';
import { createEnvironment } from '../test-support/environments.js';
import { BASE, dig, pactDocument, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { badgeRoutes } from './badge-routes.js';

const GREEN = '#4c1';
const RED = '#e05d44';
const ORANGE = '#fe7d37';
const GREY = '#9f9f9f';

/** What a badge response shows: its texts, the message's colour and the comment before the SVG. */
async function readBadge(response: Response) {
  const svg = await response.text();
  const texts = [...svg.matchAll(/<text x="[\d.]+" y="14">([^<]*)<\/text>/g)].map((match) => match[1]);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    note: /^<!-- (.*) -->\n<svg /.exec(svg)?.[1],
    label: texts[0],
    message: texts[1],
    fill: /<rect x="\d+" width="\d+" height="20" fill="([^"]+)"\/>/.exec(svg)?.[1],
  };
}

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  const badge = async (path: string) => readBadge(await t.request('GET', path, { headers: { accept: 'image/svg+xml' } }));

  async function publish(version: string, { tags = ['dev'], content = version, consumer = 'Foo', provider = 'Bar' } = {}): Promise<void> {
    const { status } = await t.json('POST', '/contracts/publish', {
      body: publishBody({ pacticipantVersionNumber: version, tags }, pactDocument(consumer, provider, [content])),
    });
    expect(status).toBe(200);
  }

  async function verify(consumerVersion: string, providerVersion: string, success: boolean): Promise<void> {
    const pact = await t.json('GET', `/pacts/provider/Bar/consumer/Foo/version/${consumerVersion}`);
    const href = String(dig(pact.body, '_links', 'pb:publish-verification-results', 'href')).slice(BASE.length);
    expect((await t.json('POST', href, { body: { success, providerApplicationVersion: providerVersion } })).status).toBe(201);
  }

  const tagProvider = async (version: string, tag: string) => {
    expect((await t.json('PUT', `/pacticipants/Bar/versions/${version}/tags/${tag}`, { body: {} })).status).toBe(201);
  };

  describe('GET /pacts/provider/{p}/consumer/{c}/latest[/{tag}]/badge', () => {
    it.each([['/latest/badge'], ['/latest/dev/badge']])('answers a grey "pact not found" badge, not a 404, for a pact never published (%s)', async (suffix) => {
      expect(await badge(`/pacts/provider/Bar/consumer/Foo${suffix}?label=consumer`)).toEqual({
        status: 200,
        contentType: 'image/svg+xml',
        cacheControl: 'no-cache',
        note: 'Foo version ? revision ? Bar version ? number ?',
        label: 'pact not found',
        message: 'unknown',
        fill: GREY,
      });
    });

    it('follows the latest verification: unknown, then verified, then failed', async () => {
      await publish('1');
      const path = '/pacts/provider/Bar/consumer/Foo/latest/badge';
      expect(await badge(path)).toMatchObject({ label: 'foo/bar pact', message: 'unknown', fill: GREY, note: 'Foo version 1 revision 1 Bar version ? number ?' });
      await verify('1', 'b1', true);
      expect(await badge(path)).toMatchObject({ label: 'foo/bar pact', message: 'verified', fill: GREEN, note: 'Foo version 1 revision 1 Bar version b1 number 1' });
      await verify('1', 'b2', false);
      expect(await badge(path)).toMatchObject({ label: 'foo/bar pact', message: 'failed', fill: RED, note: 'Foo version 1 revision 1 Bar version b2 number 2' });
    });

    it('says "changed" while new content awaits verification, per tag the latest pact of that tag', async () => {
      await publish('1', { tags: ['prod'] });
      await verify('1', 'b1', true);
      await publish('2', { tags: ['dev'] });
      expect(await badge('/pacts/provider/Bar/consumer/Foo/latest/badge')).toMatchObject({ message: 'changed', fill: ORANGE, note: 'Foo version 2 revision 1 Bar version b1 number 1' });
      expect(await badge('/pacts/provider/Bar/consumer/Foo/latest/prod/badge')).toMatchObject({ label: 'foo/bar pact', message: 'verified', fill: GREEN });
      expect(await badge('/pacts/provider/Bar/consumer/Foo/latest/dev/badge')).toMatchObject({ message: 'unknown', fill: GREY });
      await verify('2', 'b2', true);
      expect(await badge('/pacts/provider/Bar/consumer/Foo/latest/badge')).toMatchObject({ message: 'verified', fill: GREEN });
    });

    it.each([
      ['', 'orderservice/billing-api pact'],
      ['?initials=true', 'os/ba pact'],
      ['?label=consumer&initials=true', 'os pact'],
      ['?label=Provider', 'billing-api pact'],
      ['?label=&initials=false', 'orderservice/billing-api pact'],
    ])('names the pacticipants as asked by %j', async (query, label) => {
      await publish('1', { consumer: 'OrderService', provider: 'billing-api' });
      expect(await badge(`/pacts/provider/billing-api/consumer/OrderService/latest/badge${query}`)).toMatchObject({ label, message: 'unknown' });
    });
  });

  describe('GET /matrix/provider/{p}/latest/{ptag}/consumer/{c}/latest/{ctag}/badge', () => {
    const path = '/matrix/provider/Bar/latest/prod/consumer/Foo/latest/dev/badge';

    it('reports the latest pact of the consumer tag as verified by the provider tag', async () => {
      await publish('1', { tags: ['dev'] });
      await verify('1', 'b1', true);
      expect(await badge(path)).toMatchObject({ label: 'foo (dev)/bar (prod) pact', message: 'unknown', fill: GREY, note: 'Foo version 1 revision 1 Bar version ? number ?' });
      await tagProvider('b1', 'prod');
      expect(await badge(path)).toMatchObject({ message: 'verified', fill: GREEN, note: 'Foo version 1 revision 1 Bar version b1 number 1' });
      await verify('1', 'b2', false);
      expect(await badge(path)).toMatchObject({ message: 'verified', fill: GREEN });
      await tagProvider('b2', 'prod');
      expect(await badge(path)).toMatchObject({ message: 'failed', fill: RED, note: 'Foo version 1 revision 1 Bar version b2 number 2' });
      expect(await badge('/matrix/provider/Bar/latest/prod/consumer/Foo/latest/main/badge')).toMatchObject({ label: 'pact not found', fill: GREY });
    });
  });

  describe('can-i-deploy badges', () => {
    it('says whether the latest version with a tag can go where the other tag is', async () => {
      await publish('1', { tags: ['dev'] });
      await verify('1', 'b1', true);
      await tagProvider('b1', 'prod');
      const path = '/pacticipants/Foo/latest-version/dev/can-i-deploy/to/prod/badge';
      expect(await badge(path)).toEqual({ status: 200, contentType: 'image/svg+xml', cacheControl: 'no-cache', note: undefined, label: 'can-i-deploy', message: 'dev to prod', fill: GREEN });
      expect(await badge(`${path}?label=deploy%20Foo`)).toMatchObject({ label: 'deploy Foo', message: 'dev to prod' });
      expect(await badge(`${path}?label=`)).toMatchObject({ label: 'can-i-deploy' });
      await verify('1', 'b2', false);
      await tagProvider('b2', 'prod');
      expect(await badge(path)).toMatchObject({ label: 'can-i-deploy', message: 'dev to prod', fill: RED });
    });

    it.each([
      ['/pacticipants/Nobody/latest-version/dev/can-i-deploy/to/prod/badge', 'pacticipant'],
      ['/pacticipants/Foo/latest-version/nope/can-i-deploy/to/prod/badge', 'version'],
      ['/pacticipants/Nobody/branches/main/latest-version/can-i-deploy/to-environment/production/badge', 'pacticipant'],
      ['/pacticipants/Foo/branches/nope/latest-version/can-i-deploy/to-environment/production/badge', 'branch'],
      ['/pacticipants/Foo/branches/main/latest-version/can-i-deploy/to-environment/nowhere/badge', 'environment'],
    ])('answers %s with a grey "%s not found"', async (path, what) => {
      await publish('1');
      await createEnvironment(t, 'production');
      expect(await badge(path)).toMatchObject({ status: 200, label: what, message: 'not found', fill: GREY });
    });

    it('says whether the head of a branch can be deployed to an environment', async () => {
      await publish('1');
      await verify('1', 'b1', true);
      const production = await createEnvironment(t, 'production');
      const path = '/pacticipants/Foo/branches/main/latest-version/can-i-deploy/to-environment/production/badge';
      // Nothing of Bar is deployed there yet: not known to be deployable.
      expect(await badge(path)).toMatchObject({ label: 'can-i-deploy', message: 'main to production', fill: RED });
      const deployed = await t.json('POST', `/pacticipants/Bar/versions/b1/deployed-versions/environment/${production}`, { body: {} });
      expect(deployed.status).toBe(201);
      expect(await badge(path)).toMatchObject({ label: 'can-i-deploy', message: 'main to production', fill: GREEN });
    });
  });
  // RB can_i_merge_badge.rb and badges/service.rb#can_i_merge_badge_url: the head of the main branch against
  // the main branches of its integrations; unknown/success/failed in grey/green/red; an answer is cached 30 s.
  describe('GET /pacticipants/{p}/main-branch/can-i-merge/badge', () => {
    const path = '/pacticipants/Foo/main-branch/can-i-merge/badge';
    const onMain = async (version: string) => {
      expect((await t.json('PUT', `/pacticipants/Bar/branches/main/versions/${version}`, { body: {} })).status).toBe(201);
    };

    it('answers grey "not found" badges, never cached, for an unknown pacticipant or one without a main branch version', async () => {
      expect(await badge('/pacticipants/Nobody/main-branch/can-i-merge/badge')).toMatchObject({ status: 200, cacheControl: 'no-cache', label: 'pacticipant', message: 'not found', fill: GREY });
      const { status } = await t.json('POST', '/contracts/publish', { body: publishBody({ branch: 'feat-x' }) });
      expect(status).toBe(200);
      expect(await badge(path)).toMatchObject({ status: 200, cacheControl: 'no-cache', label: 'main branch version', message: 'not found', fill: GREY });
    });

    it('says unknown, then success, then failed as the provider main branch verifies the head of the main branch', async () => {
      await publish('1');
      expect(await badge(path)).toEqual({ status: 200, contentType: 'image/svg+xml', cacheControl: 'max-age=30', note: undefined, label: 'can-i-merge', message: 'unknown', fill: GREY });
      await verify('1', 'b1', true);
      await onMain('b1');
      expect(await badge(path)).toMatchObject({ label: 'can-i-merge', message: 'success', fill: GREEN });
      expect(await badge(`${path}?label=merge`)).toMatchObject({ label: 'can-i-merge' });
      await verify('1', 'b2', false);
      await onMain('b2');
      expect(await badge(path)).toMatchObject({ label: 'can-i-merge', message: 'failed', fill: RED, cacheControl: 'max-age=30' });
    });
  });
});

describe('when the database fails', () => {
  it('still answers a badge, with the reference of the error logged once', async () => {
    // Never migrated: every query fails.
    const db = openDatabase('sqlite::memory:');
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    try {
      const shown = await readBadge(await badgeRoutes(db, logger).request('/pacts/provider/Bar/consumer/Foo/latest/badge'));
      expect(shown).toMatchObject({ status: 200, contentType: 'image/svg+xml', cacheControl: 'no-cache', label: 'error', fill: GREY });
      expect(shown.message).toMatch(/^reference: [a-zA-Z]{10}$/);
      const reference = shown.message?.slice('reference: '.length);
      expect(lines).toEqual([expect.objectContaining({ level: 'error', reference, path: '/pacts/provider/Bar/consumer/Foo/latest/badge' })]);
    } finally {
      await db.destroy();
    }
  });
});
