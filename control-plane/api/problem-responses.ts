import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { PlatformError, toProblem, type Problem } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/** The one place that turns errors into problem+json answers; unexpected ones are logged once with a reference. */
export function problemResponse(error: unknown, c: Context, logger: Logger): Response {
  let problem: Problem;
  if (error instanceof PlatformError) {
    problem = toProblem(error, c.req.path);
    if (error.status >= 500) logger.error(error.message, { path: c.req.path, error: error.cause ?? error });
  } else if (error instanceof HTTPException) {
    problem = { type: 'about:blank', title: 'Error', status: error.status, detail: error.message, instance: c.req.path };
  } else {
    const reference = randomUUID();
    logger.error('unexpected error', { reference, path: c.req.path, error });
    problem = {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: `Something went wrong on our side. The details are in the platform log under reference ${reference}.`,
      instance: c.req.path,
    };
  }
  return c.body(JSON.stringify(problem), problem.status as 500, { 'Content-Type': 'application/problem+json' });
}
