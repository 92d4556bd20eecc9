import { Hono } from 'hono';
import type { RequestCount } from '../../shared/request-counts.js';
import type { TenantService } from '../tenants/tenant-service.js';

/**
 * `GET /metrics` in Prometheus' text format: tenants by state and runtime, each tenant's last
 * backup, and the requests the gateway saw per tenant and outcome.
 */
export function metricsRoutes(service: TenantService, version: string, requestCounts: () => RequestCount[]): Hono {
  const app = new Hono();
  app.get('/metrics', (c) => {
    const tenants = service.list();
    const byStateAndRuntime = new Map<string, number>();
    for (const tenant of tenants) {
      const key = labels({ state: tenant.state, runtime: tenant.runtime });
      byStateAndRuntime.set(key, (byStateAndRuntime.get(key) ?? 0) + 1);
    }
    const lines = [
      ...metric('pactsafs_info', 'gauge', 'The platform version.', [[labels({ version }), 1]]),
      ...metric('pactsafs_tenants', 'gauge', 'Tenants by state and runtime.', [...byStateAndRuntime]),
      ...metric(
        'pactsafs_tenant_last_backup_timestamp_seconds',
        'gauge',
        'When each tenant was last backed up (tenants never backed up are left out).',
        tenants.filter((tenant) => tenant.lastBackupAt).map((tenant) => [labels({ tenant: tenant.name }), Date.parse(tenant.lastBackupAt!) / 1000]),
      ),
      ...metric(
        'pactsafs_gateway_requests_total',
        'counter',
        'Requests for tenant addresses since the platform started, by outcome (routed, unavailable, unknown-tenant, refused: credentials the gateway refused).',
        requestCounts().map((count) => [labels({ tenant: count.tenant, outcome: count.outcome }), count.requests]),
      ),
    ];
    return c.text(lines.join('\n') + '\n', 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return app;
}

function metric(name: string, type: 'gauge' | 'counter', help: string, samples: Array<[string, number]>): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([sampleLabels, value]) => `${name}${sampleLabels} ${value}`)];
}

function labels(values: Record<string, string>): string {
  const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `{${Object.entries(values).map(([key, value]) => `${key}="${escape(value)}"`).join(',')}}`;
}
