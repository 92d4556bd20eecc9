import { Hono } from 'hono';
import { BadRequestError } from '../../shared/errors.js';
import type { AuditLog } from '../audit/audit-log.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** `GET /api/audit?limit=&before=` (issue 11): the audit log, newest first, with a link to the page of older entries. */
export function auditRoutes(log: AuditLog): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const limit = whole(c.req.query('limit'), 'limit', DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) throw new BadRequestError(`"limit" must be between 1 and ${MAX_LIMIT}; got ${limit}.`);
    const before = c.req.query('before') === undefined ? undefined : whole(c.req.query('before'), 'before', 0);
    const entries = await log.page({ limit, before });
    const oldest = entries.at(-1);
    const more = entries.length === limit && oldest !== undefined && oldest.id > 1;
    return c.json({ entries, next: more ? `/api/audit?limit=${limit}&before=${oldest.id}` : null });
  });
  return app;
}

function whole(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,15}$/.test(value)) throw new BadRequestError(`"${name}" must be a whole number, for example ?${name}=50; got "${value}".`);
  return Number(value);
}
