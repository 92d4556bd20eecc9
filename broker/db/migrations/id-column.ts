import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/** The integer primary key that each database fills in by itself: identity on PostgreSQL, rowid alias on SQLite. */
export function idColumn(db: Kysely<unknown>): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return (column) => column.primaryKey().generatedByDefaultAsIdentity();
  }
  return (column) => column.primaryKey().autoIncrement();
}
