import pg from 'pg';

// PostgreSQL's catalogs use the internal one-byte type `"char"` (OID 18), which @prisma/adapter-pg
// does not map and rejects. The schema engine reads those catalogs when it introspects, so the pool
// it is given reports such columns as text (OID 25): the values are already strings.
const INTERNAL_CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function reportCharAsText<T>(result: T): T {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (field.dataTypeID === INTERNAL_CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
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
