import net from 'node:net';

export class PortsExhaustedError extends Error {}

/**
 * Internal ports for tenants in other processes, from a configured range (PACTSAFS_INTERNAL_PORTS).
 * A port is handed out only when no tenant holds it and it can really be bound on 127.0.0.1.
 */
export class PortAllocator {
  /**
   * Handed out by this process and not yet recorded on a tenant: two creates running at once must
   * not get the same port. Once the registry holds a port, `held` speaks for it.
   */
  private readonly reserved = new Set<number>();

  constructor(
    private readonly range: { first: number; last: number },
    private readonly isFree: (port: number) => Promise<boolean> = isPortFree,
  ) {}

  /** The lowest port in the range that no tenant holds, none was handed out for, and nothing listens on. */
  async allocate(held: ReadonlySet<number>): Promise<number> {
    // A port the registry took over is free again when its tenant is removed: keep no reservation of it.
    for (const port of this.reserved) if (held.has(port)) this.reserved.delete(port);
    for (let port = this.range.first; port <= this.range.last; port++) {
      if (held.has(port) || this.reserved.has(port)) continue;
      this.reserved.add(port);
      if (await this.isFree(port)) return port;
      this.reserved.delete(port);
    }
    throw new PortsExhaustedError(
      `No free internal port is left in ${this.range.first}-${this.range.last}; ` +
        'remove unused tenants or widen PACTSAFS_INTERNAL_PORTS.',
    );
  }

  /** Gives back a port whose tenant was never made. */
  release(port: number): void {
    this.reserved.delete(port);
  }
}

/** True when `port` can be bound on 127.0.0.1 right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}
