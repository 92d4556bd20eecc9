import { HttpError, messageError, unsupportedMediaType } from './http-error.js';
import { MAX_JSON_DEPTH, jsonNestingDepth } from './json-depth.js';
import { isObject } from './json-object.js';

export interface JsonBodyOptions {
  /** What an empty body stands for; without it an empty body is malformed JSON. */
  emptyBody?: unknown;
  /** The parser; pact bodies keep their floats (team issue 14). Default `JSON.parse`. */
  parse?: (text: string) => unknown;
}

/**
 * Reads a JSON request body as the Ruby broker does: 415 unless the content type contains `json`,
 * 400 with the parser's message for malformed JSON or a body that is not an object or array.
 */
export async function readJsonBody(request: Request, options: JsonBodyOptions = {}): Promise<unknown> {
  return parseJsonBody(await readBodyBytes(request), options);
}

/** The bytes of a JSON request body, unparsed: 415 unless the content type contains `json`. */
export async function readBodyBytes(request: Request): Promise<Uint8Array> {
  if (!request.headers.get('content-type')?.includes('json')) throw unsupportedMediaType();
  return new Uint8Array(await request.arrayBuffer());
}

/** {@link readJsonBody}'s parsing, apart: it needs nothing but the bytes, so it also runs in worker threads (issue 11). */
export function parseJsonBody(bytes: Uint8Array, options: JsonBodyOptions = {}): unknown {
  if (bytes.length === 0 && 'emptyBody' in options) return options.emptyBody;
  const text = decodeUtf8(bytes, (charNumber, fragment) =>
    malformed(
      `Request body has a non UTF-8 character at char ${charNumber} and cannot be parsed as JSON. Fragment preceding invalid character is: '${fragment}'`,
    ),
  );
  refuseDeepJson(text);
  let parsed: unknown;
  try {
    parsed = (options.parse ?? JSON.parse)(text);
  } catch (error) {
    throw malformed(`JSON::ParserError - ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed === null || typeof parsed !== 'object') {
    throw malformed(`RuntimeError - Expected JSON Object in request body but found ${rubyClassName(parsed)}`);
  }
  return parsed;
}

/**
 * Decodes UTF-8 strictly; on an invalid byte calls `onInvalid` with the 1-based character number and
 * up to 100 characters before it (the Ruby broker's wording), and throws what it returns.
 */
export function decodeUtf8(bytes: Uint8Array, onInvalid: (charNumber: number, fragment: string) => Error): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lenient = [...new TextDecoder('utf-8').decode(bytes)];
    const index = lenient.indexOf('\uFFFD');
    const fragment = lenient.slice(Math.max(0, index - 100), index).join('');
    throw onInvalid(index + 1, fragment);
  }
}

/** The Ruby class name of a parsed JSON value, as the Ruby broker's messages name it. */
export function rubyClassName(value: unknown): string {
  if (value === null || value === undefined) return 'NilClass';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return value ? 'TrueClass' : 'FalseClass';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Float';
  return 'Hash';
}

/**
 * 400 with a sentence for JSON nested deeper than {@link MAX_JSON_DEPTH}, checked before parsing:
 * deeper documents overflowed the stack in the pact hash's canonical JSON (issue 11: a 500).
 */
export function refuseDeepJson(text: string): void {
  const depth = jsonNestingDepth(text);
  if (depth > MAX_JSON_DEPTH) throw malformed(`The JSON document is nested ${depth} levels deep; the limit is ${MAX_JSON_DEPTH}.`);
}

function malformed(detail: string): HttpError {
  return messageError(400, detail, 'Malformed request', 'malformed-request');
}

/** Narrows a parsed body to a JSON object, with the Ruby broker's message for anything else. */
export function expectJsonObject(body: unknown): Record<string, unknown> {
  if (isObject(body)) return body;
  throw malformed(`RuntimeError - Expected JSON Object in request body but found ${rubyClassName(body)}`);
}
