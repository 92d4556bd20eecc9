import { appendFile, chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../shared/logger.js';

/** Who did it: the admin token, a dashboard session, anyone on an open platform ("local"), or a refused caller. */
export type AuditActor = 'admin-token' | 'dashboard' | 'local' | 'anonymous';

/** One line of `<data dir>/audit.log` (issue 11). */
export interface AuditEntry {
  /** 1, 2, 3... in the order written: the paging cursor. */
  id: number;
  time: string;
  actor: AuditActor;
  /** `tenant.create`, `token.revoke`, ...: see audit-actions.ts. */
  action: string;
  tenant: string | null;
  /** The HTTP status the action was answered with. */
  outcome: number;
  requestId: string;
}

export interface AuditPage {
  limit: number;
  /** Only entries with a smaller id (older ones); none: from the newest. */
  before?: number;
}

/**
 * The control plane's audit log: JSON lines appended to `<data dir>/audit.log` (mode 0600), in
 * the order the actions finished. Reads take the whole file: it grows by one short line per
 * state-changing call, so it stays small for years of operator actions.
 */
export class AuditLog {
  private written: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private lastId: number,
    private readonly logger: Logger,
  ) {}

  static async open(dataDir: string, logger: Logger): Promise<AuditLog> {
    const file = path.join(dataDir, 'audit.log');
    const text = await readText(file);
    if (text !== '') {
      await chmod(file, 0o600);
      // A line cut short by a crash mid-write must not swallow the next one.
      if (!text.endsWith('\n')) await appendFile(file, '\n');
    }
    return new AuditLog(file, entriesOf(text).at(-1)?.id ?? 0, logger);
  }

  /** Appends an entry; lines are written one after another, never interleaved. A failed write is logged, not thrown: the action has happened. */
  append(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    const line = `${JSON.stringify({ id: ++this.lastId, ...entry })}\n`;
    this.written = this.written.then(() =>
      appendFile(this.file, line, { mode: 0o600 }).catch((error: unknown) => this.logger.error('could not write the audit log', { error, ...entry })),
    );
    return this.written;
  }

  /** Entries newest first, at most `limit`, older than `before` when given. */
  async page({ limit, before }: AuditPage): Promise<AuditEntry[]> {
    await this.written;
    const entries = entriesOf(await readText(this.file));
    const older = before === undefined ? entries : entries.filter((entry) => entry.id < before);
    return older.slice(-limit).reverse();
  }
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
}

function entriesOf(text: string): AuditEntry[] {
  // A line cut short by a crash mid-write is skipped rather than making the whole log unreadable.
  return text.split('\n').flatMap((line) => {
    try {
      return line ? [JSON.parse(line) as AuditEntry] : [];
    } catch {
      return [];
    }
  });
}
