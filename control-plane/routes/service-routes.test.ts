import { describe, expect, it } from 'vitest';
import type { TenantRoute } from '../../shared/routing.js';
import { routesFromServices, type BrokerService } from './service-routes.js';

/** A broker service as the swarm runtime labels it (issue 12's contract), with overrides. */
function broker(tenant: string, overrides: Omit<Partial<BrokerService>, 'labels'> & { labels?: Record<string, string | undefined> } = {}): BrokerService {
  const labels = { 'pactsafs.tenant': tenant, 'pactsafs.role': 'broker', 'pactsafs.state': 'running', 'pactsafs.version': '0.1.0', ...overrides.labels };
  const defined = Object.fromEntries(Object.entries(labels).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return { name: `pactsafs-${tenant}-broker`, replicas: 1, ...overrides, labels: defined };
}

const proxy = (tenant: string): TenantRoute => ({ kind: 'proxy', host: `pactsafs-${tenant}-broker`, port: 9292 });
const stopped: TenantRoute = { kind: 'unavailable', state: 'stopped', retryAfterSeconds: 30 };
const sleeping: TenantRoute = { kind: 'unavailable', state: 'sleeping', retryAfterSeconds: 1 };

describe('routesFromServices (issue 12: labels → routes)', () => {
  it.each<[string, BrokerService, TenantRoute]>([
    ['a running tenant routes to its service name on port 9292', broker('acme'), proxy('acme')],
    ['two replicas: still the one DNS name (dnsrr resolves it to every task)', broker('acme', { replicas: 2 }), proxy('acme')],
    ['state stopped is unavailable', broker('acme', { labels: { 'pactsafs.state': 'stopped' }, replicas: 0 }), stopped],
    ['state running with 0 replicas is unavailable', broker('acme', { replicas: 0 }), stopped],
    ['state stopped with replicas left (scaling down) is unavailable', broker('acme', { labels: { 'pactsafs.state': 'stopped' } }), stopped],
    // Team issue 13: skipped before, so a gateway replica answered 404 for a sleeping tenant.
    ['state sleeping (0 replicas) is sleeping, for a gateway that can wake it', broker('acme', { labels: { 'pactsafs.state': 'sleeping' }, replicas: 0 }), sleeping],
    ['state sleeping with replicas left (falling asleep) is sleeping', broker('acme', { labels: { 'pactsafs.state': 'sleeping' } }), sleeping],
  ])('%s', (_, service, route) => {
    const { routes, skipped } = routesFromServices([service]);
    expect(skipped).toEqual([]);
    expect(routes.get('acme')).toEqual(route);
  });

  it.each<[string, BrokerService, string]>([
    ['no tenant label', broker('acme', { labels: { 'pactsafs.tenant': undefined } }), 'it has no pactsafs.tenant label'],
    ['a tenant label that is no name', broker('acme', { labels: { 'pactsafs.tenant': 'Acme!' } }), 'its pactsafs.tenant label is no tenant name: The tenant name "Acme!"'],
    ['a reserved tenant name', broker('acme', { labels: { 'pactsafs.tenant': 'admin' } }), 'is reserved by the platform'],
    ['a name that is not pactsafs-<t>-broker', broker('acme', { name: 'evil' }), 'a broker service of tenant "acme" must be named pactsafs-acme-broker'],
    ['another tenant\'s service name', broker('acme', { name: 'pactsafs-beta-broker' }), 'must be named pactsafs-acme-broker'],
    ['no state label', broker('acme', { labels: { 'pactsafs.state': undefined } }), 'its pactsafs.state label is "", not running, stopped or sleeping'],
    ['an unknown state', broker('acme', { labels: { 'pactsafs.state': 'paused' } }), 'its pactsafs.state label is "paused", not running, stopped or sleeping'],
    ['the db role', broker('acme', { name: 'pactsafs-acme-db', labels: { 'pactsafs.role': 'db' } }), 'its pactsafs.role label is "db", not "broker"'],
  ])('skips a service with %s, saying why', (_, service, reason) => {
    const { routes, skipped } = routesFromServices([service]);
    expect(routes.size).toBe(0);
    expect(skipped).toEqual([{ service: service.name, reason: expect.stringContaining(reason) }]);
  });

  it('routes the good services when one has bad labels (Traefik: skip and log, the rest still route)', () => {
    const { routes, skipped } = routesFromServices([
      broker('acme'),
      broker('beta', { labels: { 'pactsafs.state': 'banana' } }),
      broker('gamma', { labels: { 'pactsafs.state': 'stopped' }, replicas: 0 }),
    ]);
    expect([...routes]).toEqual([
      ['acme', proxy('acme')],
      ['gamma', stopped],
    ]);
    expect(skipped.map((entry) => entry.service)).toEqual(['pactsafs-beta-broker']);
  });

  it('an empty engine has no routes', () => {
    expect(routesFromServices([])).toEqual({ routes: new Map(), skipped: [] });
  });
});
