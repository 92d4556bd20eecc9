import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AuditActor, AuditLog } from './audit-log.js';
import { auditedAction } from './audit-actions.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set once the admin-token check let the call through. */
    admitted: boolean;
  }
}

/** What an in-process caller passes as Hono's env to be recorded as itself: the dashboard (see control-plane-app.ts). */
export interface AuditCaller {
  actor?: 'dashboard';
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * Records every state-changing /api call, once answered, in the audit log (issue 11). Goes before
 * the admin-token check, so refused calls are recorded too; `admitted` (after it) marks the others.
 */
export function auditTrail(log: AuditLog, adminTokenSet: boolean): { record: MiddlewareHandler; admitted: MiddlewareHandler } {
  return {
    async record(c, next) {
      const given = c.req.header('X-Request-Id');
      const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
      c.header('X-Request-Id', requestId);
      await next();
      const action = auditedAction(c.req.method, c.req.path, new URL(c.req.url).searchParams);
      if (!action) return;
      const caller = c.env as AuditCaller | undefined;
      const actor: AuditActor = !c.get('admitted') ? 'anonymous' : caller?.actor === 'dashboard' ? 'dashboard' : adminTokenSet ? 'admin-token' : 'local';
      // A created tenant's name is in its Location (the body may be a tar stream the handler has read).
      const tenant = action.tenant ?? /^\/api\/tenants\/([^/]+)/.exec(c.res.headers.get('Location') ?? '')?.[1] ?? null;
      await log.append({ time: new Date().toISOString(), actor, action: action.action, tenant, outcome: c.res.status, requestId });
    },
    async admitted(c, next) {
      c.set('admitted', true);
      await next();
    },
  };
}
