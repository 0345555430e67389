import { PHASES, type Phase } from '@switchyard/providers';
import ora, { type Ora } from 'ora';
import type { ApiOutputs } from '../api/client';
import type { Runtime } from '../runtime';
import type { Colors } from './colors';
import { formatDelivery } from './format-delivery';
import { formatEvent, type TaskEvent } from './format-event';
import { money, statusColor } from './format-tasks';
import { formatTable } from './table';

type TaskDetail = ApiOutputs['tasks']['get'];

/**
 * The live view of `tasks watch`: log lines on stdout, and on a terminal a spinner on stderr with
 * the pipeline's progress (spec ✔ planning ⠋ coding · qa ·), the current model and the elapsed time.
 */
export class WatchDisplay {
  /** Only on a terminal: elsewhere the log lines and the summary say everything. */
  private readonly spinner: Ora | null;
  private readonly started = Date.now();
  /** The phase of the last event shown (a header line is printed when it changes). */
  private phase: string | null = null;
  /** Before any event: the phase of the task's latest run, for the progress display only. */
  private queuedPhase: string | null = null;
  private model = '';
  private readonly timer: NodeJS.Timeout | null;

  constructor(
    private readonly rt: Runtime,
    private readonly c: Colors,
    /** With --json nothing is written to stdout until the end. */
    private readonly lines: boolean,
  ) {
    this.spinner = rt.interactive ? ora({ stream: rt.stderr, discardStdin: false }) : null;
    this.timer = rt.interactive ? setInterval(() => this.refresh(), 1000) : null;
  }

  start(detail: TaskDetail): void {
    if (this.lines)
      this.print(
        `Watching task ${this.c.bold(detail.task.id)} "${detail.task.title}" (${statusColor(detail.task.status, this.c)})`,
      );
    this.queuedPhase = detail.runs.at(-1)?.phase ?? null;
    this.spinner?.start(this.text());
  }

  event(event: TaskEvent): void {
    if (event.phase !== this.phase) {
      this.phase = event.phase;
      if (this.lines) this.print(this.c.bold(`── ${event.phase} ──`));
    }
    if (event.type === 'routing') {
      const p = event.payload as { provider?: string; model?: string };
      this.model = `${p.provider ?? '?'}/${p.model ?? '?'}`;
    }
    const line = formatEvent(event, this.c);
    if (line && this.lines) this.print(line);
    this.refresh();
  }

  /** Stops the spinner with the outcome. */
  stop(detail: TaskDetail): void {
    if (this.timer) clearInterval(this.timer);
    const status = detail.task.status;
    const text = `Task ${status}${detail.task.statusReason ? `: ${detail.task.statusReason}` : ''}`;
    if (status === 'done') this.spinner?.stopAndPersist({ symbol: this.c.green('✔'), text });
    else this.spinner?.stopAndPersist({ symbol: this.c.red('✖'), text });
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.spinner?.stop();
  }

  private print(line: string): void {
    this.spinner?.clear();
    this.rt.stdout.write(`${line}\n`);
    if (this.spinner?.isSpinning) this.spinner.render();
  }

  private refresh(): void {
    if (this.spinner) this.spinner.text = this.text();
  }

  private text(): string {
    const current = PHASES.indexOf((this.phase ?? this.queuedPhase) as Phase);
    const progress = PHASES.map((phase, i) =>
      i < current ? `${phase} ${this.c.green('✔')}` : i === current ? this.c.cyan(phase) : this.c.dim(phase),
    ).join('  ');
    const seconds = Math.round((Date.now() - this.started) / 1000);
    return `${progress}  ${this.c.dim(`${this.model} ${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`)}`;
  }
}

export interface PhaseSummary {
  phase: Phase;
  status: string;
  runs: number;
  provider: string | null;
  model: string | null;
  costUsd: number;
  errorMessage: string | null;
}

/** Each phase's last run: its status, provider and model; plus the phase's total cost. */
export function summarizePhases(detail: TaskDetail): PhaseSummary[] {
  return PHASES.map((phase) => {
    const runs = detail.runs.filter((run) => run.phase === phase);
    const last = runs.at(-1);
    return {
      phase,
      status: last?.status ?? 'not started',
      runs: runs.length,
      provider: last?.routing?.provider ?? null,
      model: last?.routing?.model ?? null,
      costUsd: runs.reduce((sum, run) => sum + run.costUsd, 0),
      errorMessage: last?.errorMessage ?? null,
    };
  });
}

/** Each phase's outcome, the task's, and where its branch is (the last line). */
export function formatWatchSummary(detail: TaskDetail, c: Colors): string {
  const rows = summarizePhases(detail).map((p) => [
    `  ${p.phase}`,
    statusColor(p.status, c),
    p.provider ? `${p.provider}/${p.model}` : '-',
    `${p.runs} run(s)`,
    money(p.costUsd),
  ]);
  const { task } = detail;
  const outcome =
    task.status === 'done'
      ? c.green(
          `Task done. Cost ${money(task.costUsd)}, ${task.inputTokens} tokens in, ${task.outputTokens} out.`,
        )
      : c.red(`Task ${task.status}: ${task.statusReason ?? 'no reason recorded'}`);
  return `${formatTable(rows)}\n${outcome}\n${formatDelivery(task.delivery, c)}`;
}
