import pg from 'pg';

export interface NotificationConnection {
  /** Resolves once the connection is gone: with the error that broke it, or undefined after close(). */
  readonly ended: Promise<Error | undefined>;
  /** A statement on the listening connection itself (the task event hub's watch rows). */
  query(text: string, values?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A dedicated connection that LISTENs on `channels`. LISTEN holds its connection for as long as it
 * listens, so it cannot come from a pool (Prisma's included); reconnecting is the caller's policy.
 */
export async function listenForNotifications(
  url: string,
  channels: readonly string[],
  onNotification: (channel: string, payload: string) => void,
): Promise<NotificationConnection> {
  // TCP keep-alive from 10 s: a half-open connection (a NAT or a failover dropped it) is noticed in
  // about a minute rather than after the OS default of two hours, and the caller reconnects.
  const client = new pg.Client({
    connectionString: url,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // Its statements (LISTEN, the task event hub's watch rows) are tiny: one that hangs is a stalled
    // connection, and must not hold the ones queued behind it forever.
    query_timeout: 10_000,
  });
  let closing = false;
  let queries: Promise<unknown> = Promise.resolve();
  const ended = new Promise<Error | undefined>((resolve) => {
    client.on('error', (error) => resolve(closing ? undefined : error));
    client.on('end', () => resolve(closing ? undefined : new Error('the notification connection ended')));
  });
  client.on('notification', (message) => onNotification(message.channel, message.payload ?? ''));
  try {
    await client.connect();
    for (const channel of channels) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
  } catch (error) {
    closing = true;
    await client.end().catch(() => {});
    throw error;
  }
  return {
    ended,
    // One at a time: node-postgres deprecates a query sent while another is in flight.
    query: (text, values) => {
      const result = queries.then(() => client.query(text, values)).then(() => undefined);
      queries = result.catch(() => {});
      return result;
    },
    close: async () => {
      closing = true;
      await client.end().catch(() => {});
    },
  };
}
