import { readBrokerConfig } from '../../../shared/broker-config.js';
import type { TenantRecord } from '../../tenants/registry.js';
import { LABELS } from '../docker/docker-names.js';
import type { EngineService } from '../engine/docker-engine.js';

// A swarm tenant's desired state lives on its broker service (issue 12): labels for what may be
// shown (state, settings), the service's environment for what may not (the official image's
// database password; ours reads it from a Swarm secret). The registry is a cache of it, rebuilt from
// here when missing.

/** What the settings label holds: the tenant's settings, never a secret. */
interface SettingsLabel {
  brokerReplicas?: number;
  webhooks?: TenantRecord['webhooks'];
  maxBodyBytes?: number;
  requireAuth?: boolean;
}

/** The `pactsafs.settings` label of a tenant: its settings as JSON, without secrets. */
export function settingsLabel(tenant: TenantRecord): string {
  const settings: SettingsLabel = {
    brokerReplicas: tenant.brokerReplicas ?? 1,
    webhooks: tenant.webhooks,
    maxBodyBytes: tenant.maxBodyBytes,
    requireAuth: tenant.requireAuth,
  };
  return JSON.stringify(settings);
}

/**
 * The registry record of the tenant whose broker service this is, or why it cannot be read (a
 * service with labels of ours that someone else changed is reported, not guessed at).
 */
/** The states a broker service's label records (issue 13: `sleeping`, at 0 replicas like `stopped`). */
export type LabelledState = 'running' | 'stopped' | 'sleeping';
const LABELLED_STATES: readonly string[] = ['running', 'stopped', 'sleeping'] satisfies LabelledState[];

export function tenantFromBrokerService(service: EngineService): TenantRecord | { problem: string } {
  const name = service.labels[LABELS.tenant];
  const createdAt = service.labels[LABELS.createdAt];
  const state = service.labels[LABELS.state];
  const node = service.labels[LABELS.node];
  if (!name || !createdAt || !node || !state || !LABELLED_STATES.includes(state)) {
    return { problem: `service ${service.name} lacks the labels of a tenant's desired state (${LABELS.state}, ${LABELS.createdAt}, ${LABELS.node})` };
  }
  let settings: SettingsLabel;
  let broker: ReturnType<typeof readBrokerConfig>;
  try {
    settings = JSON.parse(service.labels[LABELS.settings] ?? '{}') as SettingsLabel;
    // A `_FILE` variable names a secret inside the task, which the platform cannot read (nor can the engine give it back).
    broker = readBrokerConfig(Object.fromEntries(service.env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)])), () => '');
  } catch (error) {
    return { problem: `service ${service.name} has settings that cannot be read (${(error as Error).message})` };
  }
  return {
    name,
    state: state as LabelledState,
    runtime: 'swarm',
    createdAt,
    updatedAt: createdAt,
    lastBackupAt: null,
    reason: null,
    node,
    brokerImage: service.image,
    brokerReplicas: settings.brokerReplicas ?? 1,
    // In the environment for the official image; in a Swarm secret for ours, so not known here (backups then need the registry's record).
    ...(new URL(broker.databaseUrl).password && { databasePassword: decodeURIComponent(new URL(broker.databaseUrl).password) }),
    ...(settings.webhooks && { webhooks: settings.webhooks }),
    ...(settings.maxBodyBytes !== undefined && { maxBodyBytes: settings.maxBodyBytes }),
    ...(broker.basicAuth && { basicAuth: broker.basicAuth }),
    ...(settings.requireAuth && { requireAuth: true }),
  };
}
