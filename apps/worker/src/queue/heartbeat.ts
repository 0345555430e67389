import { type ExtendLeaseResult, extendLease } from './extend-lease';
import type { QueueSql } from './sql';

export interface HeartbeatOptions {
  runId: string;
  fencingToken: bigint;
  leaseMs: number;
  /** Called once when the lease can no longer be trusted; the heartbeat stops. */
  onLost: (why: 'lost' | 'unreachable') => void;
  onTaskCancelled: () => void;
  onError: (error: unknown) => void;
}

/**
 * Renews a lease every leaseMs / 3, so two beats can fail before it expires. When renewal keeps
 * failing (database unreachable) for a whole lease, another worker may already have recovered the
 * run: give it up rather than keep working blind.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastRenewedAt = Date.now();

  constructor(
    private readonly sql: QueueSql,
    private readonly options: HeartbeatOptions,
  ) {}

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.beat(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
  }

  private async beat(): Promise<void> {
    let result: ExtendLeaseResult;
    try {
      result = await extendLease(this.sql, this.options);
    } catch (error) {
      if (this.stopped) return;
      this.options.onError(error);
      if (Date.now() - this.lastRenewedAt >= this.options.leaseMs) return this.lose('unreachable');
      return this.schedule();
    }
    if (this.stopped) return;
    if (result === 'lost') return this.lose('lost');
    this.lastRenewedAt = Date.now();
    if (result === 'task-cancelled') this.options.onTaskCancelled();
    this.schedule();
  }

  private lose(why: 'lost' | 'unreachable'): void {
    this.stop();
    this.options.onLost(why);
  }
}
