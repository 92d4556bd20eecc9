import { describe, expect, it } from 'vitest';
import { hasRequestBody, responseRawHeaders } from './raw-headers.js';

describe('hasRequestBody', () => {
  it.each([
    [['Host', 'a'], false],
    [['Host', 'a', 'Content-Length', '0'], false],
    [['content-length', '12'], true],
    [['Transfer-Encoding', 'chunked'], true],
    [['X-Content-Length', '5'], false],
  ])('%j → %s', (raw, expected) => {
    expect(hasRequestBody(raw)).toBe(expected);
  });
});

describe('responseRawHeaders', () => {
  it('drops hop-by-hop fields and those Connection names, keeps the rest in order with repeats', () => {
    const raw = ['Content-Type', 'text/plain', 'Connection', 'keep-alive, X-Hop', 'Keep-Alive', 'timeout=5', 'X-Hop', '1', 'Set-Cookie', 'a=1', 'set-cookie', 'b=2'];
    expect(responseRawHeaders(raw, false)).toEqual(['Content-Type', 'text/plain', 'Set-Cookie', 'a=1', 'set-cookie', 'b=2']);
  });

  it('keeps Transfer-Encoding for HTTP/1.1 clients and drops it for HTTP/1.0 ones', () => {
    const raw = ['Transfer-Encoding', 'chunked', 'Content-Type', 'text/plain'];
    expect(responseRawHeaders(raw, false)).toEqual(raw);
    expect(responseRawHeaders(raw, true)).toEqual(['Content-Type', 'text/plain']);
  });
});
