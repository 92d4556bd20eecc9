/**
 * The CLI's exit codes, which scripts may rely on (documented in `pactsafs help`), and the errors
 * that carry them. Every error prints one sentence, never a stack trace.
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  unreachable: 3,
  notFound: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.failed,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Unknown verb or flag, missing argument, refused confirmation. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** Nothing answers at the platform's URL. */
export class UnreachableError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.unreachable, options);
  }
}

/** The platform answered with an error: its problem+json `detail` is the message. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail, status === 404 ? ExitCode.notFound : ExitCode.failed);
  }
}
