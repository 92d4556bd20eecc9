/**
 * Named (prepared) statements for the broker's PostgreSQL connections (team issue 13): planning a
 * publication's five-table pact lookups took 2-6 ms where running them took 0.1 ms (EXPLAIN ANALYZE
 * at 500 versions per consumer). A statement sent by name is parsed and planned once per connection,
 * and the connection keeps its generic plan (GENERIC_PLANS): with planner statistics, PostgreSQL's own choice
 * was to plan the previous pact of a tag again on every run (3.5-10 ms planning, 0.1 ms running), which
 * halved publish's requests/s and the latest pact's.
 */
import type pg from 'pg';

/** Statements Kysely builds vary with `in (...)` lists; past this many distinct texts, new ones go unnamed. */
const MOST_NAMED_STATEMENTS = 1000;
/** Plain single statements only: a text with `;` may hold several, which the extended protocol refuses. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b[^;]*$/i;

/** The connection's startup option that keeps named statements on their generic plans (see above). */
export const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

/** Each statement text's name, shared by every connection (a name always stands for the same text). */
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MOST_NAMED_STATEMENTS || !PREPARABLE.test(text)) return known;
  const name = `pactsafs_${names.size}`;
  names.set(text, name);
  return name;
}

/** Makes the connection send Kysely's statements (`query(text, values)`) by name; other calls pass through. */
export function prepareStatementsOf(client: pg.ClientBase): void {
  // The prototype's method is looked up at each call: a wrapper installed on it later still sees every statement.
  const prototype = Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown };
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length <= 2 && (values === undefined || Array.isArray(values)) ? nameOf(text) : undefined;
    return name === undefined ? prototype.query.apply(client, args) : prototype.query.call(client, { name, text, values });
  };
}
