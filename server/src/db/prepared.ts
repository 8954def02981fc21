import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './database.ts';

/**
 * Queries built and compiled once, then run with new values. Kysely builds every query as a tree
 * of frozen nodes and compiles it to SQL again on each execution: for the few statements every
 * villager submission runs, about a tenth of the box's time on one core. A prepared query is built
 * once per database (its dialect's adapter) and shape of its values, with a placeholder in place of
 * each value; a run puts the values in the places the placeholders took among the compiled
 * parameters. The SQL is Kysely's own, unchanged; the driver then reuses its prepared statement.
 *
 * The builder must take every value that varies from its `p` and pass it to Kysely as it is
 * (`where('id', '=', p.id)`, `values({ id: p.id })`): anything it works out from a value, or reads
 * from elsewhere, would be fixed at the first run. A value written into the SQL text rather than
 * passed as a parameter is refused when the query is built.
 */

export type Values = Record<string, unknown>;

interface Built {
  sql: string;
  query: CompiledQuery['query'];
  queryId: CompiledQuery['queryId'];
  /** Each compiled parameter: a value of `p` by name, or a constant of the builder. */
  slots: ({ name: string } | { value: unknown })[];
}

const PLACEHOLDER = '\u0000kiosk-value:';

function build<P extends Values, R>(db: Db, make: (db: Db, p: P) => Compilable<R>, names: string[]): Built {
  const placeholders = Object.fromEntries(names.map((n) => [n, `${PLACEHOLDER}${n}`])) as P;
  const compiled = make(db, placeholders).compile();
  if (compiled.sql.includes(PLACEHOLDER)) throw new Error('a prepared query wrote a value into its SQL text');
  const slots = compiled.parameters.map((v) =>
    typeof v === 'string' && v.startsWith(PLACEHOLDER) ? { name: v.slice(PLACEHOLDER.length) } : { value: v },
  );
  for (const n of names)
    if (!slots.some((s) => 'name' in s && s.name === n))
      throw new Error(`a prepared query does not pass ${n} as a parameter`);
  return { sql: compiled.sql, query: compiled.query, queryId: compiled.queryId, slots };
}

/**
 * A query built once per database and shape of `p` (its names whose value is not undefined, which
 * Kysely leaves out of an insert), run with `p`'s values; answers Kysely's raw result (rows,
 * numAffectedRows).
 */
export function prepared<P extends Values, R>(
  make: (db: Db, p: P) => Compilable<R>,
): (db: Db, p: P) => Promise<QueryResult<R>> {
  const byAdapter = new WeakMap<object, Map<string, Built>>();
  // The shape run last, on the database run last: most queries always have one shape.
  let last: { adapter: object; names: string[]; built: Built } | null = null;
  return (db, p) => {
    const adapter = db.getExecutor().adapter;
    let built = last && last.adapter === adapter && sameNames(p, last.names) ? last.built : undefined;
    if (!built) {
      const names = Object.keys(p).filter((n) => p[n] !== undefined);
      const shape = names.join(',');
      let shapes = byAdapter.get(adapter);
      if (!shapes) byAdapter.set(adapter, (shapes = new Map()));
      built = shapes.get(shape);
      if (!built) {
        try {
          built = build(db, make, names);
        } catch (e) {
          return Promise.reject(e as Error);
        }
        shapes.set(shape, built);
      }
      last = { adapter, names, built };
    }
    const slots = built.slots;
    const parameters = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      parameters[i] = 'name' in s ? p[s.name] : s.value;
    }
    return db.executeQuery<R>({ sql: built.sql, parameters, query: built.query, queryId: built.queryId });
  };
}

/** Whether `p`'s names with a value are `names`, in that order. */
function sameNames(p: Values, names: string[]): boolean {
  let i = 0;
  for (const n in p) {
    if (p[n] === undefined) continue;
    if (names[i] !== n) return false;
    i++;
  }
  return i === names.length;
}

/**
 * An insert of many rows, prepared like any query: one statement per number of rows, each row's
 * values passed as parameters of their own (`column#i`). The rows must all name the same columns.
 */
export function preparedRows<Row extends Values, R>(
  make: (db: Db, rows: Row[]) => Compilable<R>,
): (db: Db, rows: readonly Row[]) => Promise<QueryResult<R>> {
  const run = prepared((db, p: Values) => {
    const rows: Values[] = [];
    for (const [name, value] of Object.entries(p)) {
      const at = name.lastIndexOf('#');
      (rows[Number(name.slice(at + 1))] ??= {})[name.slice(0, at)] = value;
    }
    return make(db, rows as Row[]);
  });
  return (db, rows) => {
    const p: Values = {};
    rows.forEach((row, i) => {
      for (const column in row) p[`${column}#${i}`] = row[column];
    });
    return run(db, p);
  };
}
