/**
 * The broker database as tests outside broker/ reach it, to arrange or inspect rows (team issue 16:
 * other code outside broker/ goes through broker/index.ts).
 */
export { openDatabase, type Db } from '../db/database.js';
export { migrateUpTo } from '../db/migrations.js';
