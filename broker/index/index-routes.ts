import { Hono } from 'hono';
import { halJson, type BrokerEnv } from '../http/broker-env.js';
import { resource } from '../http/resource.js';
import { indexLinks } from './index-links.js';

/** `GET /`: the HAL index the clients start from. */
export function indexRoutes(): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/', { GET: (c) => halJson({ _links: indexLinks(c.get('baseUrl')) }) });
  return app;
}
