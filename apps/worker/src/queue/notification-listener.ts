import { CANCEL_CHANNEL, listenForNotifications, PHASE_RUNS_CHANNEL } from '@switchyard/db/queue';
import type { Logger } from '../logger';

export interface NotificationHandlers {
  /** A run became pending, or the listener (re)connected and may have missed some. */
  onRunsPending: () => void;
  onTaskCancelled: (taskId: string) => void;
}

/**
 * LISTENs on both queue channels over its own connection and reconnects with exponential backoff
 * (250 ms doubling to 10 s) when the connection drops. Polling keeps the queue moving meanwhile.
 */
export class NotificationListener {
  private connection: Awaited<ReturnType<typeof listenForNotifications>> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoffMs = 250;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly handlers: NotificationHandlers,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.connection?.close();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      const connection = await listenForNotifications(
        this.url,
        [PHASE_RUNS_CHANNEL, CANCEL_CHANNEL],
        (channel, payload) => {
          if (channel === CANCEL_CHANNEL) this.handlers.onTaskCancelled(payload);
          else this.handlers.onRunsPending();
        },
      );
      if (this.stopped) return void (await connection.close());
      this.connection = connection;
      this.backoffMs = 250;
      this.handlers.onRunsPending();
      void connection.ended.then((error) => {
        if (this.stopped || !error) return;
        void connection.close();
        this.log.warn({ err: error }, 'queue listener disconnected; reconnecting');
        this.scheduleReconnect();
      });
    } catch (error) {
      this.log.warn({ err: error, retryInMs: this.backoffMs }, 'queue listener could not connect');
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.connection = undefined;
    this.retryTimer = setTimeout(() => void this.connect(), this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, 10_000);
  }
}
