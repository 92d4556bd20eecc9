/**
 * Named (prepared) statements for the broker's PostgreSQL connections (team issue 13): planning a
 * publication's five-table pact lookups took 2-6 ms where running them took 0.1 ms (EXPLAIN ANALYZE
 * at 500 versions per consumer). A statement sent by name is parsed and planned once per connection,
 * and the connection keeps its generic plan (GENERIC_PLANS): with planner statistics, PostgreSQL's own choice
 * was to plan the previous pact of a tag again on every run (3.5-10 ms planning, 0.1 ms running), which
 * halved publish's requests/s and the latest pact's.
 */
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import pg from 'pg';

/** pg's conversion of a value to the text it sends (not in @types/pg). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): string | Buffer | null };

/** Statements Kysely builds vary with `in (...)` lists; past this many distinct texts, new ones go unnamed. */
const MOST_NAMED_STATEMENTS = 1000;
/** Plain single statements only: a text with `;` may hold several, which the extended protocol refuses. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b[^;]*$/i;

/**
 * Appended (`.modifyEnd(CUSTOM_PLAN)`) to a statement whose generic plan is much worse than a custom one: the
 * work-in-progress pacts' branch heads (team issue 13: at 5,000 versions per consumer, for a provider branch
 * with no successes yet, 140-180 ms on its generic plan against 2.2 ms planned with its values).
 */
export const CUSTOM_PLAN = sql`/* custom plan */`;
const CUSTOM_PLAN_TEXT = '/* custom plan */';

/** The connection's startup option that keeps named statements on their generic plans (see above). */
export const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

/** Each statement text's name, shared by every connection (a name always stands for the same text). */
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MOST_NAMED_STATEMENTS || !PREPARABLE.test(text) || text.includes(CUSTOM_PLAN_TEXT)) return known;
  const name = `pactsafs_${names.size}`;
  names.set(text, name);
  return name;
}

/**
 * Makes the connection send Kysely's statements (`query(text, values)`) by name, and those marked CUSTOM_PLAN
 * planned with their values; other calls pass through.
 */
export function prepareStatementsOf(client: pg.ClientBase): void {
  // The prototype's method is looked up at each call: a wrapper installed on it later still sees every statement.
  const prototype = Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown };
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && text.includes(CUSTOM_PLAN_TEXT) && args.length <= 2 && (values === undefined || Array.isArray(values))) {
      return prototype.query.call(client, withValuesWritten(text, (values ?? []) as unknown[]));
    }
    const name = typeof text === 'string' && args.length <= 2 && (values === undefined || Array.isArray(values)) ? nameOf(text) : undefined;
    return name === undefined ? prototype.query.apply(client, args) : prototype.query.call(client, { name, text, values });
  };
}

/**
 * A CUSTOM_PLAN statement with its values written into its text: a statement without parameters is planned with
 * them at each run whatever plan_cache_mode says (GENERIC_PLANS applies to unnamed statements too), at no extra
 * round trip. Each value becomes a quoted literal, which PostgreSQL types from its use as it types a parameter
 * sent as text (as pg sends them); pg's own conversion and escaping make the text.
 */
function withValuesWritten(text: string, values: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (placeholder, position: string) => {
    const index = Number(position) - 1;
    if (index >= values.length) throw new Error(`No value for ${placeholder} in a statement with ${values.length} values.`);
    const prepared = prepareValue(values[index]);
    if (prepared === null) return 'null';
    return pg.escapeLiteral(Buffer.isBuffer(prepared) ? `\\x${prepared.toString('hex')}` : prepared);
  });
}
