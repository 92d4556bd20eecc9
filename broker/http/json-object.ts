/** Whether a parsed JSON value is an object (a Ruby Hash), not null, an array or a scalar. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
