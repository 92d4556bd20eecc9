import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Expression, type Kysely } from 'kysely';
import { isPostgres } from '../database.js';

/** The integer primary key that each database fills in by itself: identity on PostgreSQL, rowid alias on SQLite. */
export function idColumn(db: Kysely<unknown>): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  if (isPostgres(db)) return (column) => column.primaryKey().generatedByDefaultAsIdentity();
  return (column) => column.primaryKey().autoIncrement();
}

/**
 * Text compared byte by byte on both databases. SQLite's default collation is BINARY; PostgreSQL's
 * follows the database's locale (en_US.utf8 in the official postgres image), which would sort names
 * such as `a` and `B` the other way round. "C" is PostgreSQL's byte order.
 */
export function textType(db: Kysely<unknown>): ColumnDataType | Expression<unknown> {
  return isPostgres(db) ? sql`text collate "C"` : 'text';
}
