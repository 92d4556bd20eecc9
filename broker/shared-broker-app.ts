import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import { DEFAULT_MAX_BODY_BYTES, type BasicAuthSettings } from '../shared/broker-config.js';
import type { Logger, LogFields } from '../shared/logger.js';
import { createBrokerApp } from './app.js';
import { basicAuth } from './auth/index.js';
import type { BasicCredential } from './auth/index.js';
import type { CrossContractQueue } from './bi-directional/index.js';
import type { BodyWork } from './body-work/index.js';
import type { Db } from './db/index.js';
import type { BrokerEvents } from './events/index.js';
import { brokerBodyLimit } from './http/index.js';
import type { BrokerEnv } from './http/index.js';
import type { WebhookSettings } from './webhooks/index.js';

/** What differs between the brokers sharing one app. */
export interface BrokerTenantOptions {
  db: Db;
  logger: Logger;
  webhooks: WebhookSettings;
  crossContracts: CrossContractQueue;
  /** Where this broker's pacts and verifications raise their events (its webhook worker is woken by what they queue). */
  events: BrokerEvents;
  /** Basic auth of this broker; none: every request is allowed. */
  auth?: BasicAuthSettings;
  platformCredential?: BasicCredential;
  maxBodyBytes?: number;
}

/** One broker app answering for many brokers of a process. */
export interface SharedBrokerApp {
  /** The app of one broker: its requests answered by the shared routes with this broker's database and settings. */
  tenant(options: BrokerTenantOptions): { fetch(request: Request): Promise<Response> };
}

interface BrokerTenant extends BrokerTenantOptions {
  authenticate?: MiddlewareHandler<BrokerEnv>;
  bodyLimit: MiddlewareHandler<BrokerEnv>;
}

/** Settings of every broker sharing the app; the others are as `createBrokerApp`'s defaults (no base URLs: links from each request). */
export interface SharedBrokerAppOptions {
  clock: () => Date;
  bodyWork: BodyWork;
  /** The key of every broker's `/secrets` (team issue 14): its routes take it when built. */
  secretsKey?: Buffer;
}

/**
 * Team issue 13, target 4 (density): a broker's Hono app and route table held ~300 KiB of heap, a
 * third of an embedded tenant's memory; built once per process, every embedded broker answers
 * through it. The routes were given their broker's database, logger and settings when built: here
 * they get stand-ins that reach, per request, the tenant the request runs for (AsyncLocalStorage,
 * which follows the request into its callbacks and the work it queues).
 */
export function createSharedBrokerApp({ clock, bodyWork, secretsKey }: SharedBrokerAppOptions): SharedBrokerApp {
  const requests = new AsyncLocalStorage<BrokerTenant>();
  const current = (): BrokerTenant => {
    const tenant = requests.getStore();
    if (!tenant) throw new Error('The shared broker app was used outside a request of one of its brokers.');
    return tenant;
  };
  const app = createBrokerApp({
    db: lateBound(() => current().db),
    logger: forwardingLogger(() => current().logger),
    webhooks: tenantWebhooks(() => current().webhooks, secretsKey),
    crossContracts: lateBound(() => current().crossContracts),
    events: lateBound(() => current().events),
    baseUrls: [],
    clock,
    bodyWork,
    perRequest: {
      authenticate: (c, next) => current().authenticate?.(c, next) ?? next(),
      bodyLimit: (c, next) => current().bodyLimit(c, next),
    },
  });
  return {
    tenant: ({ auth, platformCredential, maxBodyBytes = DEFAULT_MAX_BODY_BYTES, ...options }) => {
      const tenant: BrokerTenant = { ...options, authenticate: auth && basicAuth(auth, platformCredential), bodyLimit: brokerBodyLimit(maxBodyBytes) };
      return { fetch: (request) => requests.run(tenant, async () => app.fetch(request)) };
    },
  };
}

/** A stand-in whose every property is the one of the object `resolve` returns at that moment. */
function lateBound<T extends object>(resolve: () => T): T {
  return new Proxy({} as T, {
    get: (_, property) => {
      const target = resolve();
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function tenantWebhooks(resolve: () => WebhookSettings, secretsKey: Buffer | undefined): WebhookSettings {
  return {
    get hostWhitelist() { return resolve().hostWhitelist; },
    get schemeWhitelist() { return resolve().schemeWhitelist; },
    get httpMethodWhitelist() { return resolve().httpMethodWhitelist; },
    get deliveryTimeoutMs() { return resolve().deliveryTimeoutMs; },
    ownEndpoints: () => resolve().ownEndpoints(),
    secretsKey,
  };
}

function forwardingLogger(resolve: () => Logger): Logger {
  return {
    debug: (message, fields) => resolve().debug(message, fields),
    info: (message, fields) => resolve().info(message, fields),
    warn: (message, fields) => resolve().warn(message, fields),
    error: (message, fields) => resolve().error(message, fields),
    child: (fields: LogFields) => forwardingLogger(() => resolve().child(fields)),
  };
}
