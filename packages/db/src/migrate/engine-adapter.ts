import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { CatalogSafePool } from './catalog-safe-pool';

/**
 * The driver adapter the WASM schema engine migrates through.
 *
 * PrismaPg's own shadow-database factory spreads `{ connectionString, database }`, and pg lets the
 * connection string win: the "shadow" work would land on the main database. This factory builds the
 * shadow connection from discrete fields and drops the shadow database with FORCE afterwards.
 */
export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';

  private readonly pools = new Set<CatalogSafePool>();

  constructor(private readonly databaseUrl: string) {}

  connect(): Promise<SqlDriverAdapter> {
    return new PrismaPg(this.pool(this.databaseUrl, 4), { disposeExternalPool: true }).connect();
  }

  /**
   * Ends every connection the engine opened. The engine takes Prisma's migration advisory lock on
   * one of them and freeing the engine does not close it: until the pool's idle timeout the lock
   * would stay held and every other process migrating would wait.
   */
  async close(): Promise<void> {
    await Promise.all([...this.pools].map((pool) => pool.end().catch(() => {})));
    this.pools.clear();
  }

  private pool(connectionString: string, max: number): CatalogSafePool {
    const pool = new CatalogSafePool({ connectionString, max });
    this.pools.add(pool);
    return pool;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadowName = `switchyard_shadow_${crypto.randomUUID().replaceAll('-', '')}`;
    await runOnServer(this.databaseUrl, `CREATE DATABASE "${shadowName}"`);
    const shadowUrl = new URL(this.databaseUrl);
    shadowUrl.pathname = `/${shadowName}`;
    const shadowPool = this.pool(shadowUrl.toString(), 2);
    const adapter = await new PrismaPg(shadowPool, { disposeExternalPool: true }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await shadowPool.end().catch(() => {});
      this.pools.delete(shadowPool);
      await runOnServer(this.databaseUrl, `DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
    };
    return adapter;
  }
}

async function runOnServer(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
