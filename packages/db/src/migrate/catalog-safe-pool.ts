import pg from 'pg';

// PostgreSQL's catalogs use the internal one-byte type `"char"` (OID 18), which @prisma/adapter-pg
// does not map and rejects. The schema engine reads those catalogs when it introspects, so the pool
// it is given reports such columns as text (OID 25): the values are already strings.
const INTERNAL_CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResultLike = {
  fields?: { name: string; dataTypeID: number }[];
  rows?: (unknown[] | Record<string, unknown>)[];
};

function reportCharAsText<T>(result: T): T {
  const r = result as QueryResultLike;
  dropNotNullConstraints(r);
  for (const field of r?.fields ?? []) {
    if (field.dataTypeID === INTERNAL_CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}

/**
 * PostgreSQL 18 (the embedded server) lists every NOT NULL as a constraint of type 'n' in
 * pg_constraint; the engine's describer predates that and panics on those rows (it reads the type as
 * a one-byte char, which the adapter cannot give it). PostgreSQL 17 and older never returned them,
 * and the engine reads NOT NULL from the columns anyway: the rows are dropped, nothing is lost.
 */
function dropNotNullConstraints(result: QueryResultLike): void {
  const fields = result?.fields;
  const index =
    fields?.findIndex((f) => f.name === 'constraint_type' && f.dataTypeID === INTERNAL_CHAR_OID) ?? -1;
  if (index < 0 || !result.rows) return;
  const field = fields![index]!.name;
  result.rows = result.rows.filter((row) => (Array.isArray(row) ? row[index] : row[field]) !== 'n');
}

function patchQuery(target: { query: (...args: never[]) => unknown }): void {
  const original = target.query.bind(target) as (...args: unknown[]) => unknown;
  target.query = ((...args: unknown[]) => {
    const out = original(...args);
    return out instanceof Promise ? out.then(reportCharAsText) : out;
  }) as typeof target.query;
}

const patchedClients = new WeakSet<object>();

/** A pg.Pool whose results never carry the `"char"` type. Only for the migration engine. */
export class CatalogSafePool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    patchQuery(this as unknown as { query: (...args: never[]) => unknown });
    this.on('connect', (client) => {
      if (patchedClients.has(client)) return;
      patchedClients.add(client);
      patchQuery(client as unknown as { query: (...args: never[]) => unknown });
    });
  }
}
