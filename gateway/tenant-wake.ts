import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../shared/logger.js';
import { sendGatewayProblem } from './error-responses.js';

/** What the gateway needs from the control plane to let idle tenants sleep (issue 13, scale to zero). */
export interface TenantWaker {
  /** Wakes a sleeping tenant; resolves once its broker answers, rejects with why it could not. One wake serves every caller meanwhile. */
  wake(tenant: string): Promise<void>;
  /** A request for the tenant is being answered; the answer is called when it is over (a tenant never sleeps during one). */
  requestStarted(tenant: string): () => void;
}

/** Requests already held once: a tenant asleep again right after its wake gets a 503, never a loop. */
const held = new WeakSet<IncomingMessage>();

/** Counts the request as activity of the tenant until its answer is over (or the client has gone). */
export function trackRequest(waker: TenantWaker, tenant: string, res: ServerResponse): void {
  res.once('close', waker.requestStarted(tenant));
}

/**
 * Holds a request for a sleeping tenant (its body unread, so nothing is lost) until the tenant is
 * awake, then routes it again with `retry`; a wake that fails answers 503 with the reason.
 */
export function holdUntilAwake(req: IncomingMessage, res: ServerResponse, tenant: string, waker: TenantWaker, retry: () => void, logger: Logger): void {
  if (held.has(req)) {
    sendGatewayProblem(req, res, { status: 503, title: 'Service Unavailable', detail: `Tenant "${tenant}" fell asleep again before it could answer; try again.`, retryAfterSeconds: 1 });
    return;
  }
  held.add(req);
  waker.wake(tenant).then(
    () => {
      if (!res.destroyed) retry();
    },
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn('a sleeping tenant could not be woken', { tenant, error: reason });
      if (res.destroyed) return;
      sendGatewayProblem(req, res, { status: 503, title: 'Service Unavailable', detail: `Tenant "${tenant}" was sleeping and could not be woken: ${reason}` });
    },
  );
}
