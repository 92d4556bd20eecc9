import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Logger } from '../../shared/logger.js';
import type { Db } from '../db/index.js';
import { halJson, type BrokerEnv, resource } from '../http/index.js';

/** Heartbeat (never touches the database) and the database dependency check (docs/broker-api.md#diagnostics). */
export function diagnosticRoutes(db: Db, logger: Logger): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/diagnostic/status/heartbeat', {
    GET: (c) => halJson({ ok: true, _links: { self: { href: `${c.get('baseUrl')}/diagnostic/status/heartbeat` } } }),
  });
  resource(app, '/diagnostic/status/dependencies', {
    GET: async (c) => {
      const links = { self: { href: `${c.get('baseUrl')}/diagnostic/status/dependencies` } };
      try {
        await sql`select 1`.execute(db);
        return halJson({ database: { ok: true }, _links: links });
      } catch (error) {
        logger.error('Database dependency check failed', { error });
        const message = error instanceof Error ? `${error.name} - ${error.message}` : String(error);
        return halJson({ database: { ok: false, error: { message } }, _links: links }, 500);
      }
    },
  });
  return app;
}
