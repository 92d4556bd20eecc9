import type { IncomingMessage, ServerResponse } from 'node:http';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Hands requests to a handler that can be replaced while the tenant keeps its address: during a
 * swap new requests wait, the ones in flight finish first, then all go to the new handler. A
 * restore swaps a tenant's database this way without a 503 or a restart.
 */
export class SwappableHandler {
  private inFlight = 0;
  private whenIdle: (() => void) | undefined;
  private swapping: Promise<void> | undefined;

  constructor(private current: RequestHandler) {}

  readonly handle: RequestHandler = (req, res) => {
    if (this.swapping) {
      void this.swapping.then(() => this.handle(req, res));
      return;
    }
    this.inFlight += 1;
    // One listener shared by every request: this is the embedded tenants' per-request path.
    res.once('close', this.requestClosed);
    this.current(req, res);
  };

  /** Waits until no request is in flight, then installs what `replace` answers (it must answer a working handler or throw). */
  async swap(replace: () => Promise<RequestHandler>): Promise<void> {
    let release!: () => void;
    this.swapping = new Promise((resolve) => (release = resolve));
    try {
      if (this.inFlight > 0) await new Promise<void>((resolve) => (this.whenIdle = resolve));
      this.whenIdle = undefined;
      this.current = await replace();
    } finally {
      this.swapping = undefined;
      release();
    }
  }

  private readonly requestClosed = (): void => {
    this.inFlight -= 1;
    if (this.inFlight === 0) this.whenIdle?.();
  };
}
