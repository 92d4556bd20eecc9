/**
 * Statements built and compiled once per shape and dialect (team issue 13): Kysely builds and compiles
 * every statement on every call, 50 µs of CPU for the latest-pact statement (34 building, 17 compiling)
 * where a whole latest-pact request took 500-600 µs. Here a statement is built with placeholders in
 * place of its values and compiled once; each call binds its own values to the compiled text.
 */
import type { CompiledQuery, Compilable } from 'kysely';
import { isPostgres, type Db } from './database.js';

/**
 * Shapes kept per statement: a request can choose one (pacts for verification's list of selector kinds, its number
 * of pact contents), so past this many a new shape is built at each call instead of kept (team issue 13).
 */
export const MOST_COMPILED_SHAPES = 1000;

/** Stands for the value named `key` among the compiled statement's parameters: an object no caller passes. */
class Placeholder {
  constructor(readonly key: string) {}
}

/**
 * `build`'s statement, compiled once per dialect, `shape` and set of defined values. `build` may choose
 * clauses by `shape` and by whether a value is defined, and must use each value only as a bound value.
 */
export function compiledStatement<S extends string, V extends { [K in keyof V]: string | number | undefined }, R>(build: (db: Db, shape: S, values: V) => Compilable<R>) {
  const compiled = new Map<string, CompiledQuery<R>>();
  return (db: Db, shape: S, values: V): CompiledQuery<R> => {
    const byKey = values as Record<string, unknown>;
    const defined = Object.keys(byKey).filter((key) => byKey[key] !== undefined);
    const cacheKey = `${isPostgres(db) ? 'pg' : 'sqlite'} ${shape} ${defined.join(' ')}`;
    let query = compiled.get(cacheKey);
    if (query === undefined) {
      query = build(db, shape, Object.fromEntries(defined.map((key) => [key, new Placeholder(key)])) as unknown as V).compile();
      if (compiled.size < MOST_COMPILED_SHAPES) compiled.set(cacheKey, query);
    }
    const parameters = query.parameters.map((parameter) => (parameter instanceof Placeholder ? byKey[parameter.key] : parameter));
    return { ...query, parameters };
  };
}
