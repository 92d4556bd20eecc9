import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';
import type { Db } from './database.js';

/** What runs once the transaction each connection is in commits. */
const waitingForCommit = new WeakMap<DatabaseConnection, Array<() => void>>();

/**
 * Runs `callback` once the transaction `db` belongs to has committed, and never if it rolls back; at
 * once when `db` is no transaction (its statements commit as they run). Team issue 13: the webhook
 * worker is woken when a delivery it can see has been queued, whoever queued it. `callback` must not throw.
 */
export async function afterCommit(db: Db, callback: () => void): Promise<void> {
  if (!db.isTransaction) return callback();
  await db.getExecutor().provideConnection(async (connection) => {
    const callbacks = waitingForCommit.get(connection);
    if (!callbacks) throw new Error('afterCommit needs a transaction of a database opened by openDatabase.');
    callbacks.push(callback);
  });
}

/** The dialect, its driver running each transaction's {@link afterCommit} callbacks once it has committed. */
export function withCommitCallbacks(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new CommitCallingDriver(dialect.createDriver()),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

/** The dialect's own driver, watching transactions begin and end (no savepoints: the broker uses none). */
class CommitCallingDriver implements Driver {
  constructor(private readonly driver: Driver) {}

  init(): Promise<void> {
    return this.driver.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.driver.acquireConnection();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.driver.beginTransaction(connection, settings);
    waitingForCommit.set(connection, []);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.driver.commitTransaction(connection);
    const callbacks = waitingForCommit.get(connection) ?? [];
    waitingForCommit.delete(connection);
    for (const callback of callbacks) callback();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    waitingForCommit.delete(connection);
    await this.driver.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.driver.destroy();
  }
}
