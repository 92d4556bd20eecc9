/** The standalone broker's configuration: the official image's `PACT_BROKER_*` environment contract. */
export interface BrokerConfig {
  port: number;
  databaseUrl: string;
  /** Base URLs for links; when empty, links are built from the request and its forwarded headers. */
  baseUrls: string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export function readBrokerConfig(env: NodeJS.ProcessEnv = process.env): BrokerConfig {
  const baseUrls = (env.PACT_BROKER_BASE_URLS ?? env.PACT_BROKER_BASE_URL ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((url) => url.replace(/\/+$/, ''));
  return {
    port: parsePort(env.PACT_BROKER_PORT ?? '9292'),
    databaseUrl: env.PACT_BROKER_DATABASE_URL ?? 'sqlite:///tmp/pact_broker.sqlite',
    baseUrls,
    logLevel: parseLogLevel(env.PACT_BROKER_LOG_LEVEL),
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PACT_BROKER_PORT must be a port number (1-65535), got "${value}".`);
  }
  return port;
}

function parseLogLevel(value: string | undefined): BrokerConfig['logLevel'] {
  const level = (value ?? 'info').toLowerCase();
  return level === 'debug' || level === 'warn' || level === 'error' ? level : 'info';
}
