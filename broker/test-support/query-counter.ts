/**
 * Counts the SQL statements the broker sends (issue 13: the no-N+1 guarantee). It wraps the drivers
 * below Kysely (better-sqlite3's statement runs, pg's Client#query), so raw `sql` and transaction
 * statements count too and the broker needs no hook of its own; it sees every broker of the test process.
 */
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/** One statement as the driver got it. */
export interface SentStatement {
  sql: string;
  parameters: readonly unknown[];
}

/** The statements of the `statementsOf` call running, if any. */
let recording: SentStatement[] | undefined;
let installed = false;

function wrap(target: object, methods: string[], statementOf: (self: unknown, args: unknown[]) => SentStatement): void {
  const methodsOf = target as Record<string, (...args: unknown[]) => unknown>;
  for (const method of methods) {
    const original = methodsOf[method]!;
    methodsOf[method] = function (this: unknown, ...args: unknown[]) {
      recording?.push(statementOf(this, args));
      return original.apply(this, args);
    };
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  const probe = new SqliteDatabase(':memory:');
  const statementPrototype = Object.getPrototypeOf(probe.prepare('select 1')) as object;
  probe.close();
  wrap(statementPrototype, ['all', 'get', 'run', 'iterate'], (self, args) => ({ sql: (self as { source: string }).source, parameters: parametersOf(args[0]) }));
  // Kysely calls query(text, values); pg's own callers may pass a config object instead.
  wrap(pg.Client.prototype, ['query'], (_self, [first, second]) =>
    typeof first === 'string' ? { sql: first, parameters: parametersOf(second) } : { sql: String((first as { text?: unknown }).text), parameters: parametersOf((first as { values?: unknown }).values) },
  );
}

function parametersOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The statements sent while `work` runs (run nothing else against a database meanwhile). */
export async function statementsOf(work: () => Promise<unknown>): Promise<SentStatement[]> {
  install();
  const statements: SentStatement[] = [];
  recording = statements;
  try {
    await work();
  } finally {
    recording = undefined;
  }
  return statements;
}
