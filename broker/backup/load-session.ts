import type { Kysely } from 'kysely';
import type pg from 'pg';
import { checkOutPostgresClient } from '../db/index.js';
import { quoteIdentifier } from './copy-rows.js';

/**
 * The one connection a load into PostgreSQL runs on (team issue 13). Each table loads in a
 * transaction of its own that starts by truncating it, with the tables whose foreign keys point at
 * it (still empty: parents load first), so its COPYs may say FREEZE: rows go in frozen and visible,
 * without a commit and WAL flush per chunk or the autovacuum pass that rewrote every page after the
 * load; on a server at wal_level=minimal (our tenants' databases) they write no WAL at all.
 */
export class LoadSession {
  private open = false;

  private constructor(
    readonly client: pg.PoolClient,
    /** Per table, the tables whose foreign keys point at it. */
    private readonly referencing: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** `schema`: the tables' schema; default the connection's current one. */
  static async start<DB>(db: Kysely<DB>, schema: string | undefined): Promise<LoadSession> {
    const client = await checkOutPostgresClient(db);
    try {
      // pglz compressing (or failing to compress) big pact content took most of a restore's time on the server:
      // lz4 is several times faster (issue 13). Servers before 14 or built without lz4 keep pglz.
      await client.query(`set default_toast_compression = 'lz4'`).catch(() => undefined);
      const { rows } = await client.query<{ parent: string; child: string }>(
        `select parent.relname as parent, child.relname as child
           from pg_constraint c
           join pg_class parent on parent.oid = c.confrelid
           join pg_class child on child.oid = c.conrelid
          where c.contype = 'f' and c.connamespace = coalesce(to_regnamespace($1), to_regnamespace(current_schema()))`,
        [schema ?? null],
      );
      const referencing = new Map<string, string[]>();
      for (const { parent, child } of rows) referencing.set(parent, [...(referencing.get(parent) ?? []), child]);
      return new LoadSession(client, referencing);
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  /**
   * Commits the table before and opens `table`'s transaction; answers whether its COPYs may FREEZE
   * (no table truncated with it holds rows of this load yet).
   */
  async beginTable(table: string, hasRows: (table: string) => boolean): Promise<boolean> {
    await this.commit();
    await this.client.query('begin');
    this.open = true;
    const truncated = this.closure(table);
    if (truncated.some(hasRows)) return false;
    await this.client.query(`truncate ${truncated.map(quoteIdentifier).join(', ')}`);
    return true;
  }

  /** Commits the table under way, if any. */
  async commit(): Promise<void> {
    if (!this.open) return;
    await this.client.query('commit');
    this.open = false;
  }

  /** Gives the connection back; `failed`: closes it, so the server rolls back what it held. */
  release(failed: boolean): void {
    this.client.release(failed);
  }

  /** `table` and every table whose foreign keys lead to it: what one TRUNCATE must name. */
  private closure(table: string): string[] {
    const found = [table];
    for (let index = 0; index < found.length; index++) {
      for (const child of this.referencing.get(found[index]!) ?? []) if (!found.includes(child)) found.push(child);
    }
    return found;
  }
}
