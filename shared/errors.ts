/**
 * The platform's errors. Each carries the HTTP status and a sentence for people; the control
 * plane renders them as RFC 9457 problem+json in one place.
 */
export class PlatformError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = new.target.name;
  }

  get detail(): string {
    return this.message;
  }
}

export class BadRequestError extends PlatformError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(400, 'Bad request', detail, options);
  }
}

export class UnauthorizedError extends PlatformError {
  constructor(detail: string) {
    super(401, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends PlatformError {
  constructor(detail: string) {
    super(403, 'Forbidden', detail);
  }
}

export class NotFoundError extends PlatformError {
  constructor(detail: string) {
    super(404, 'Not found', detail);
  }
}

export class ConflictError extends PlatformError {
  constructor(detail: string) {
    super(409, 'Conflict', detail);
  }
}

export class UnsupportedMediaTypeError extends PlatformError {
  constructor(detail: string) {
    super(415, 'Unsupported media type', detail);
  }
}

export class PayloadTooLargeError extends PlatformError {
  constructor(detail: string) {
    super(413, 'Payload too large', detail);
  }
}

/** A backup archive that cannot be restored: damaged, tampered with, or not ours. Nothing was changed. */
export class InvalidBackupError extends PlatformError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(422, 'Invalid backup', detail, options);
  }
}

/** A tenant's runtime failed (its broker did not start, its files are missing, ...). */
export class RuntimeError extends PlatformError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(500, 'Runtime failure', detail, options);
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
}

export function toProblem(error: PlatformError, instance?: string): Problem {
  return { type: 'about:blank', title: error.title, status: error.status, detail: error.detail, instance };
}

/** The `detail` of a problem+json answer (its body is read), or `undefined` when it carries none. */
export async function problemDetailOf(answer: Response): Promise<string | undefined> {
  const problem: unknown = await answer.json().catch(() => undefined);
  const detail = (problem as { detail?: unknown } | null | undefined)?.detail;
  return typeof detail === 'string' && detail.length > 0 ? detail : undefined;
}
