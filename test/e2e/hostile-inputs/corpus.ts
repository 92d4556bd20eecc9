/**
 * The bad-input corpus of issue 11: what an attacker on loopback sends to every surface of a platform
 * without an admin token (the default). Each case says what a correct platform answers; the suite
 * also checks that none of them changed the victim tenant or reached the loopback listener.
 */
import { sendRaw } from '../../support/raw-http.js';
import { httpRequest } from '../../support/http-client.js';

/**
 * `refused`: any 4xx; a number: exactly that status; `answered`: any status below 500 (harmless either
 * way); `not-delivered`: a webhook execution refused (4xx, or 200 whose result says `success: false`).
 */
export type Expected = 'refused' | 'answered' | 'not-delivered' | number;

/** The status of the answer (null: none came) and its body. */
export interface Answer {
  status: number | null;
  body: string;
}

export interface HostileCase {
  surface: string;
  name: string;
  expected: Expected;
  send: () => Promise<Answer>;
}

/** Whether `answer` is what `expected` asks for. */
export function meets(expected: Expected, { status, body }: Answer): boolean {
  if (status === null) return false;
  if (expected === 'refused') return status >= 400 && status < 500;
  if (expected === 'answered') return status < 500;
  if (expected === 'not-delivered') return (status >= 400 && status < 500) || (status === 200 && JSON.parse(body).success === false);
  return status === expected;
}

export interface CorpusTarget {
  port: number;
  /** A tenant the attacker owns (http webhooks allowed, no host allow-list). */
  attacker: string;
  /** A tenant whose allow-list lets webhooks reach loopback: the platform's own port must stay out of reach. */
  trusting: string;
  victim: string;
  /** A loopback listener that must receive nothing. */
  listenerPort: number;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** Every case, built for one running platform. */
export function hostileCorpus(target: CorpusTarget): HostileCase[] {
  return [
    ...controlPlaneCases(target),
    ...tenantNameCases(target),
    ...routingCases(target),
    ...rawHttpCases(target),
    ...webhookCases(target),
    ...brokerCases(target),
    ...restoreCases(target),
    ...tokenCases(target),
  ];
}

function request(port: number, options: Parameters<typeof httpRequest>[1]) {
  return async (): Promise<Answer> => {
    const { status, body } = await httpRequest(port, options);
    return { status, body };
  };
}

function controlPlaneCases({ port, victim }: CorpusTarget): HostileCase[] {
  const post = (path: string, headers: Record<string, string>, body?: string) => request(port, { method: 'POST', path, headers, body });
  // Each creation its own name, so that one accepted by mistake cannot make the next fail for another reason.
  let intruders = 0;
  const create = () => JSON.stringify({ name: `intruder-${++intruders}` });
  const cases: [string, Expected, () => Promise<Answer>][] = [
    ['form POST from another site stops a tenant', 'refused', post(`/api/tenants/${victim}/stop`, { Origin: 'http://evil.test', 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=b')],
    ['JSON POST from another site creates a tenant', 'refused', post('/api/tenants', { ...JSON_TYPE, Origin: 'http://evil.test' }, create())],
    ['Origin: null (sandboxed frame)', 'refused', post(`/api/tenants/${victim}/stop`, { Origin: 'null' })],
    ['Sec-Fetch-Site: cross-site', 'refused', post(`/api/tenants/${victim}/stop`, { 'Sec-Fetch-Site': 'cross-site' })],
    ['Sec-Fetch-Site: same-site (a tenant page)', 'refused', post(`/api/tenants/${victim}/stop`, { 'Sec-Fetch-Site': 'same-site' })],
    ['Origin of a tenant host', 'refused', post(`/api/tenants/${victim}/stop`, { Origin: `http://${victim}.localhost:${port}` })],
    ['DELETE from another site', 'refused', request(port, { method: 'DELETE', path: `/api/tenants/${victim}`, headers: { Origin: 'http://evil.test' } })],
    ['text/plain; x=json', 'refused', post('/api/tenants', { 'Content-Type': 'text/plain; x=json' }, create())],
    ['application/jsonx', 'refused', post('/api/tenants', { 'Content-Type': 'application/jsonx' }, create())],
    ['no content type with a JSON body', 'refused', post('/api/tenants', {}, create())],
    ['2 MB JSON body', 'refused', post('/api/tenants', JSON_TYPE, JSON.stringify({ name: 'big', padding: 'x'.repeat(2 * 2 ** 20) }))],
    ['malformed JSON', 'refused', post('/api/tenants', JSON_TYPE, '{"name":')],
    ['JSON array', 'refused', post('/api/tenants', JSON_TYPE, '[]')],
    ['JSON null', 'refused', post('/api/tenants', JSON_TYPE, 'null')],
    ['unknown runtime', 'refused', post('/api/tenants', JSON_TYPE, JSON.stringify({ name: 'rt', runtime: 'kubernetes' }))],
    ['basicAuth with a shell name', 'refused', post('/api/tenants', JSON_TYPE, JSON.stringify({ name: 'sh', basicAuth: { username: '$(reboot)', password: 'long enough' } }))],
    ['webhook allow-list not a list', 'refused', post('/api/tenants', JSON_TYPE, JSON.stringify({ name: 'wh', webhookHostWhitelist: '*' }))],
    ['backup listing traversal', 'refused', request(port, { path: `/api/tenants/${victim}/backups/..%2F..%2Fregistry.json` })],
    ['backup file traversal', 'refused', request(port, { path: `/api/tenants/${victim}/backups/../../registry.json` })],
    ['logs of an unknown role', 'refused', request(port, { path: `/api/tenants/${victim}/logs?role=../../etc/passwd` })],
    ['negative tail', 'answered', request(port, { path: `/api/tenants/${victim}/logs?tail=-5` })],
    ['restore without a tar', 'refused', post(`/api/tenants/${victim}/restore`, { 'Content-Type': 'application/x-tar' }, 'not a tar at all')],
  ];
  return cases.map(([name, expected, send]) => ({ surface: 'control plane', name, expected, send }));
}

function tenantNameCases({ port }: CorpusTarget): HostileCase[] {
  const names = [
    'xn--80ak6aa92e', 'xn--pple-43d', 'ab--cd', 'Acme', 'ACME', 'a'.repeat(41), '-acme', 'acme-', 'a_b', 'a.b', '../etc',
    'acme\u0000', 'ａｃｍｅ', 'аcme', '', ' ', 'admin', 'api', 't', 'localhost', 'acme/../victim', '%61cme',
  ];
  return names.map((name) => ({
    surface: 'tenant names',
    name: `create ${JSON.stringify(name)}`,
    expected: 'refused' as const,
    send: request(port, { method: 'POST', path: '/api/tenants', headers: JSON_TYPE, body: JSON.stringify({ name }) }),
  }));
}

function routingCases({ port, victim }: CorpusTarget): HostileCase[] {
  const get = (host: string, path = '/api/tenants') => request(port, { path, host });
  const cases: [string, Expected, () => Promise<Answer>][] = [
    ['Host: evil.test reads the tenant list (DNS rebinding)', 'refused', get('evil.test')],
    ['Host: evil.test downloads a backup', 'refused', get(`evil.test:${port}`, `/api/tenants/${victim}/backup`)],
    ['Host: evil.test on the path form', 'refused', get('evil.test', `/t/${victim}/`)],
    ['Host: evil.test on the JSON index', 'refused', get('evil.test', '/')],
    ['Host: 10.0.0.1', 'refused', get('10.0.0.1')],
    ['Host: localhost.evil.test', 'refused', get('localhost.evil.test')],
    ['Host: a.b.localhost', 'refused', get(`a.b.localhost:${port}`, '/')],
    ['unknown tenant', 404, get(`nobody.localhost:${port}`, '/')],
    ['path form with an escaped name', 404, get(`localhost:${port}`, '/t/%76ictim/')],
    ['path form with a malformed escape', 404, get(`localhost:${port}`, '/t/%E0%A4%A/x')],
    ['path form traversal to the API', 'answered', get(`localhost:${port}`, `/t/${victim}/../../api/tenants`)],
    ['tenant host asking for the API', 'answered', get(`${victim}.localhost:${port}`, '/api/tenants')],
  ];
  return cases.map(([name, expected, send]) => ({ surface: 'routing', name, expected, send }));
}

function rawHttpCases({ port, victim }: CorpusTarget): HostileCase[] {
  const host = `Host: ${victim}.localhost\r\n`;
  const cases: [string, Expected, string | Buffer][] = [
    ['Content-Length with Transfer-Encoding', 400, `POST / HTTP/1.1\r\n${host}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    ['two Content-Length', 400, `POST / HTTP/1.1\r\n${host}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab`],
    ['obs-fold', 400, `GET / HTTP/1.1\r\n${host}X-Folded: a\r\n b\r\n\r\n`],
    ['bare LF', 400, `GET / HTTP/1.1\n${host}\n`],
    ['100 KB header', 431, `GET / HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(100_000)}\r\n\r\n`],
    ['20 KB URL', 414, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${host}\r\n`],
    ['two Host headers', 400, `GET / HTTP/1.1\r\n${host}Host: evil.test\r\n\r\n`],
    ['HTTP/1.1 without Host', 400, 'GET / HTTP/1.1\r\n\r\n'],
    ['space in a header name', 400, `GET / HTTP/1.1\r\n${host}Bad Header: x\r\n\r\n`],
    ['NUL in the request line', 400, `GET /\u0000 HTTP/1.1\r\n${host}\r\n`],
    ['invalid chunk size', 400, `POST / HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\n\r\nzz\r\n`],
    ['HTTP/2 preface on an HTTP/1 port', 400, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['garbage', 400, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00, 0x00, 0x0d, 0x0a, 0x0d, 0x0a])],
  ];
  return cases.map(([name, expected, bytes]) => ({ surface: 'raw HTTP', name, expected, send: async () => {
    const { status, text } = await sendRaw(port, bytes);
    return { status, body: text };
  } }));
}

/** Forms of loopback an SSRF tries (issue 11, defect 1); the listener sits on 127.0.0.1 and ::1. */
export const LOOPBACK_FORMS = [
  '127.0.0.1', '127.1', '2130706433', '0177.0.0.1', '0x7f.0.0.1', '0x7f000001', 'localhost', '[::1]', '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]', '[0:0:0:0:0:ffff:7f00:1]', '[::127.0.0.1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::]', '[::ffff:0:7f00:1]',
];

function webhookCases({ port, attacker, trusting, listenerPort }: CorpusTarget): HostileCase[] {
  const execute = (tenant: string, url: string) =>
    request(port, {
      method: 'POST',
      path: `/t/${tenant}/webhooks/execute`,
      headers: JSON_TYPE,
      body: JSON.stringify({ events: [{ name: 'contract_content_changed' }], request: { method: 'POST', url, body: '{}' } }),
    });
  const forms = LOOPBACK_FORMS.flatMap((host) => [
    { name: `http://${host}:<listener>/`, send: execute(attacker, `http://${host}:${listenerPort}/`) },
    { name: `https://${host}:<listener>/`, send: execute(attacker, `https://${host}:${listenerPort}/`) },
  ]);
  // Whatever a tenant's allow-list says, the platform's own port is out of reach (it would stop the victim).
  const ownPort = ['127.0.0.1', 'localhost', '[::1]', '[::ffff:127.0.0.1]'].map((host) => ({
    name: `allow-listed tenant to the platform's own port via ${host}`,
    send: execute(trusting, `http://${host}:${port}/api/tenants/victim/stop`),
  }));
  return [...forms, ...ownPort].map(({ name, send }) => ({ surface: 'webhook SSRF', name, expected: 'not-delivered' as const, send }));
}

function brokerCases({ port, attacker }: CorpusTarget): HostileCase[] {
  const at = (path: string) => `/t/${attacker}${path}`;
  // Each pact its own consumer version, so that one accepted by mistake cannot turn the next into a 409.
  let versions = 0;
  const put = (body: string | Buffer, headers: Record<string, string> = JSON_TYPE) =>
    request(port, { method: 'PUT', path: at(`/pacts/provider/Orders/consumer/Web/version/9.9.${++versions}`), headers, body });
  const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const cases: [string, Expected, () => Promise<Answer>][] = [
    ['17 MB pact', 413, put(JSON.stringify({ consumer: { name: 'Web' }, provider: { name: 'Orders' }, padding: 'x'.repeat(17 * 2 ** 20) }))],
    ['pact nested 10,000 levels', 400, put(deep(10_000))],
    ['publish nested 10,000 levels', 400, request(port, { method: 'POST', path: at('/contracts/publish'), headers: JSON_TYPE, body: deep(10_000) })],
    ['pact nested 250 levels', 400, put(deep(250))],
    ['malformed JSON pact', 400, put('{"consumer":')],
    ['pact that is a string', 'refused', put('"just a string"')],
    ['publish with wrong types', 'refused', request(port, { method: 'POST', path: at('/contracts/publish'), headers: JSON_TYPE, body: JSON.stringify({ pacticipantName: 1, pacticipantVersionNumber: [], contracts: 'x' }) })],
    ['SQL in a pacticipant name', 'answered', request(port, { path: at(`/pacticipants/${encodeURIComponent("x' OR '1'='1")}`) })],
    ['SQL in the matrix query', 'answered', request(port, { path: at(`/matrix?q[][pacticipant]=${encodeURIComponent("'; DROP TABLE versions;--")}&q[][version]=1`) })],
    ['negative page size', 'answered', request(port, { path: at('/pacticipants?pageSize=-1&pageNumber=-1') })],
    ['page number not a number', 'answered', request(port, { path: at('/pacticipants?pageNumber=NaN&pageSize=1e309') })],
    ['NUL in a path segment', 'answered', request(port, { path: at('/pacticipants/%00') })],
    ['overlong pacticipant name', 'answered', request(port, { path: at(`/pacticipants/${'n'.repeat(5_000)}`) })],
    ['environment with a hostile name', 'refused', request(port, { method: 'POST', path: at('/environments'), headers: JSON_TYPE, body: JSON.stringify({ name: '<script>alert(1)</script>', production: 'yes' }) })],
    ['webhook to a file: URL', 'refused', request(port, { method: 'POST', path: at('/webhooks'), headers: JSON_TYPE, body: JSON.stringify({ events: [{ name: 'contract_published' }], request: { method: 'GET', url: 'file:///etc/passwd' } }) })],
    ['webhook to gopher:', 'refused', request(port, { method: 'POST', path: at('/webhooks'), headers: JSON_TYPE, body: JSON.stringify({ events: [{ name: 'contract_published' }], request: { method: 'GET', url: 'gopher://127.0.0.1:25/' } }) })],
    ['can-i-deploy without a pacticipant', 'refused', request(port, { path: at('/can-i-deploy?version=1') })],
  ];
  return cases.map(([name, expected, send]) => ({ surface: 'broker', name, expected, send }));
}

function restoreCases({ port, attacker }: CorpusTarget): HostileCase[] {
  const restore = (body: Buffer, contentType = 'application/x-tar') =>
    request(port, { method: 'POST', path: `/api/tenants/${attacker}/restore`, headers: { 'Content-Type': contentType }, body });
  const cases: [string, Buffer, string?][] = [
    ['empty body', Buffer.alloc(0)],
    ['1 KB of zeros', Buffer.alloc(1024)],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256))],
    ['a JSON document as tar', Buffer.from('{"manifest":true}')],
    ['a tar as text/plain', Buffer.alloc(1024), 'text/plain'],
  ];
  return cases.map(([name, body, contentType]) => ({ surface: 'restore', name, expected: 'refused' as const, send: restore(body, contentType) }));
}

function tokenCases({ port, victim }: CorpusTarget): HostileCase[] {
  const withAuthorization = (authorization: string) => request(port, { path: '/pacticipants', host: `${victim}.localhost:${port}`, headers: { Authorization: authorization } });
  const cases: [string, string][] = [
    ['an unknown bearer token', 'Bearer pbs_this-is-not-a-token'],
    ['an empty bearer token', 'Bearer '],
    ['a 10 KB bearer token', `Bearer ${'a'.repeat(10_000)}`],
    ['a bearer token with SQL', "Bearer ' OR 1=1 --"],
  ];
  return cases.map(([name, authorization]) => ({ surface: 'tokens', name, expected: 'refused' as const, send: withAuthorization(authorization) }));
}
