import { parse } from 'yaml';
import { isObject } from '../http/index.js';

export type ParsedOpenApi = { ok: true; document: Record<string, unknown> } | { ok: false; problem: string };

/** An OpenAPI document from YAML or JSON text (YAML 1.2 reads JSON too), as the comparator takes it. */
export function parseOpenApi(text: string): ParsedOpenApi {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error) };
  }
  if (!isObject(document)) return { ok: false, problem: 'it is not a YAML or JSON object' };
  if (typeof document.openapi !== 'string' && typeof document.swagger !== 'string') return { ok: false, problem: "it has no 'openapi' (or 'swagger') version" };
  return { ok: true, document };
}
