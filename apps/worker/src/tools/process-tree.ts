import { spawn } from 'node:child_process';
import type { PreparedCommand } from '../sandbox';
import { BoundedOutput } from './output-cap';

export interface TreeRunOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** Output kept in memory at most (stdout and stderr interleaved). */
  maxBytes: number;
}

export interface TreeRunResult {
  output: string;
  droppedBytes: number;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  ended: 'exited' | 'timeout' | 'aborted';
}

/** Time a process group gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 500;
/** How long to wait for pipes still held open by escaped grandchildren before giving up on them. */
const DRAIN_MS = 1_000;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the whole group is gone already.
  }
}

/**
 * Runs a prepared command as the leader of its own process group (detached), so that on timeout,
 * abort, or when the command ends, the whole tree it started (`sleep 60 &` included) is stopped:
 * SIGTERM to the group, then SIGKILL after a short grace. In the sandbox the leader is bwrap and
 * the tree lives in its own PID namespace, which the kernel empties when bwrap goes (nothing
 * escapes, setsid included); unsandboxed, a process that leaves the group on purpose escapes.
 */
export function runProcessTree(command: PreparedCommand, options: TreeRunOptions): Promise<TreeRunResult> {
  return new Promise((resolve) => {
    const output = new BoundedOutput(options.maxBytes);
    let ended: TreeRunResult['ended'] = 'exited';
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let settled = false;

    const child = spawn(command.file, command.args, {
      cwd: command.cwd,
      env: command.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', ...command.data.map(() => 'pipe' as const)],
    });
    command.data.forEach((content, index) => {
      const pipe = child.stdio[3 + index] as NodeJS.WritableStream | null;
      pipe?.on('error', () => {}); // bwrap gone before it read: its exit says why
      pipe?.end(content);
    });
    const pid = child.pid;
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk));

    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      options.signal.removeEventListener('abort', onAbort);
      child.stdout!.destroy();
      child.stderr!.destroy();
      void command.release();
      resolve({
        output: output.text(),
        droppedBytes: output.dropped,
        exitCode: code,
        exitSignal: signal,
        ended,
      });
    };

    let drainTimer: NodeJS.Timeout | undefined;
    const stopTree = () => {
      if (pid === undefined) return;
      signalGroup(pid, 'SIGTERM');
      setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_GRACE_MS).unref();
      // If something outside the group still holds our pipes, stop waiting for them.
      drainTimer = setTimeout(
        () => finish(exit?.code ?? null, exit?.signal ?? null),
        KILL_GRACE_MS + DRAIN_MS,
      );
    };

    const stopFor = (reason: 'timeout' | 'aborted') => {
      if (exit || settled) return;
      ended = reason;
      stopTree();
    };
    const onAbort = () => stopFor('aborted');
    const timer = setTimeout(() => stopFor('timeout'), options.timeoutMs);
    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.signal.aborted) onAbort();

    child.on('error', (error) => {
      output.push(Buffer.from(`failed to start ${command.file}: ${error.message}\n`));
      finish(null, null);
    });
    // The leader is gone: stop whatever it left running in its group, then wait for the pipes.
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      if (ended === 'exited') stopTree();
    });
    child.on('close', (code, signal) => finish(exit?.code ?? code, exit?.signal ?? signal));
  });
}
