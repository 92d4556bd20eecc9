/** Field → messages, as the Ruby broker's dry-validation formatter flattens them. */
export type ValidationErrors = Record<string, string[]>;

/** How an error's body is shaped (docs/broker-api.md#error-bodies). */
export type ErrorPayload =
  /** A broker message: `{"error": detail}` as hal+json. */
  | { kind: 'message'; detail: string; title: string; type: string }
  /** Schema errors: `{"errors": {...}}` as hal+json. */
  | { kind: 'validation'; errors: ValidationErrors }
  /** A webmachine default: `{"error": detail}` as plain application/json. */
  | { kind: 'webmachine'; detail: string; title: string; type: string }
  /** A refusal the Ruby broker has no answer for (issue 11): always problem+json, in the shape of ours. */
  | { kind: 'problem'; detail: string; title: string; type: string }
  /** A resource-specific body, sent as is whatever the client accepts. */
  | { kind: 'body'; body: unknown; contentType: string };

/** An error a client caused: carries the status and body it is answered with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly payload: ErrorPayload,
    readonly headers: Record<string, string> = {},
  ) {
    super(payload.kind === 'validation' ? 'Validation errors' : payload.kind === 'body' ? `HTTP ${status}` : payload.detail);
    this.name = 'HttpError';
  }
}

export const NOT_FOUND_MESSAGE = 'The requested document was not found on this server.';

export function notFound(): HttpError {
  return new HttpError(404, { kind: 'webmachine', detail: NOT_FOUND_MESSAGE, title: '404 Not Found', type: 'not-found' });
}

/** The value a lookup found, or the webmachine 404 when it found nothing. */
export function orNotFound<T>(value: T | undefined): T {
  if (value === undefined) throw notFound();
  return value;
}

export function validationFailed(errors: ValidationErrors): HttpError {
  return new HttpError(400, { kind: 'validation', errors });
}

/** A 4xx with a single broker message, e.g. a 409 for a changed pact. */
export function messageError(status: number, detail: string, title: string, type: string): HttpError {
  return new HttpError(status, { kind: 'message', detail, title, type });
}

export function methodNotAllowed(allowed: readonly string[]): HttpError {
  return new HttpError(
    405,
    {
      kind: 'webmachine',
      detail: `The ${allowed.length === 1 ? 'method allowed is' : 'methods allowed are'} ${allowed.join(', ')}.`,
      title: '405 Method Not Allowed',
      type: 'method-not-allowed',
    },
    { allow: allowed.join(', ') },
  );
}

export function unsupportedMediaType(): HttpError {
  return new HttpError(415, {
    kind: 'webmachine',
    detail: 'The request body must be JSON: send it with Content-Type: application/json.',
    title: '415 Unsupported Media Type',
    type: 'unsupported-media-type',
  });
}
