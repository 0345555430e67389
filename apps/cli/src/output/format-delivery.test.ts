import { describe, expect, it } from 'vitest';
import type { ApiOutputs } from '../api/client';
import { AT, TASK_ID, taskDetail } from '../test-support/task-detail';
import { colorsFor } from './colors';
import { formatDelivery } from './format-delivery';
import { formatTaskDetail } from './format-task-detail';
import { formatWatchSummary } from './watch-display';

type TaskDetail = ApiOutputs['tasks']['get'];
type Delivery = TaskDetail['task']['delivery'];

const c = colorsFor(false);
const id = TASK_ID;
const branch = `switchyard/${id}`;
const at = AT;
const FIRST = 'abc1234def5678abc1234def5678abc1234def56';
const SECOND = '9876543210fedcba9876543210fedcba98765432';

const notDelivered: Delivery = {
  branch,
  baseCommit: 'f'.repeat(40),
  head: FIRST,
  deliveredTo: null,
  deliveredHead: null,
  deliveredAt: null,
  error: null,
  upToDate: false,
  landings: 1,
};
const delivered: Delivery = {
  ...notDelivered,
  deliveredTo: '/srv/shop',
  deliveredHead: FIRST,
  deliveredAt: at,
  upToDate: true,
};
const failed: Delivery = {
  ...notDelivered,
  deliveredTo: 'https://git.example.com/shop.git',
  error:
    "fatal: unable to access 'https://git.example.com/shop.git/': The requested URL returned error: 403\n",
};

const detail = (delivery: Delivery): TaskDetail => taskDetail(delivery);

describe('where the task branch is', () => {
  it('says where it was delivered, with the short commit and the time', () => {
    expect(formatDelivery(delivered, c)).toBe(
      `Branch ${branch} delivered to /srv/shop (commit abc1234, 2026-01-02 03:04:05)`,
    );
  });

  it('says when a newer commit has not been delivered yet', () => {
    expect(formatDelivery({ ...delivered, head: SECOND, upToDate: false, landings: 2 }, c)).toBe(
      `Branch ${branch} delivered to /srv/shop (commit abc1234, 2026-01-02 03:04:05); its newer commit 9876543 is not delivered yet`,
    );
  });

  it('says it is not delivered yet, and where its commits are meanwhile', () => {
    expect(formatDelivery(notDelivered, c)).toBe(
      `Branch ${branch} not delivered yet (commit abc1234 is in the branch store)`,
    );
    expect(formatDelivery({ ...notDelivered, head: null, landings: 0 }, c)).toBe(
      `Branch ${branch} not delivered yet`,
    );
    expect(formatDelivery({ ...notDelivered, branch: null, head: null, landings: 0 }, c)).toBe(
      'No task branch yet: the worker creates it when the first phase starts.',
    );
  });

  it('shows a failed delivery on one line: why, that the branch is safe, and what to do', () => {
    const line = formatDelivery(failed, c);
    expect(line).toBe(
      `Branch ${branch} not delivered: fatal: unable to access 'https://git.example.com/shop.git/': The requested URL returned error: 403. It is safe in the branch store (commit abc1234); fix the access to https://git.example.com/shop.git and the worker delivers it again after the task's next phase.`,
    );
    expect(line).not.toContain('\n');
    // An earlier delivery that did work is still named.
    expect(formatDelivery({ ...failed, head: SECOND, deliveredHead: FIRST, deliveredAt: at }, c)).toMatch(
      /commit 9876543\);.* It was last delivered to https:\/\/git\.example\.com\/shop\.git \(commit abc1234, 2026-01-02 03:04:05\)\.$/,
    );
    // Coloured as a warning on a terminal.
    expect(formatDelivery(failed, colorsFor(true))).toContain('\u001b[33m');
  });

  it('ends the tasks watch summary with the delivery line', () => {
    const lines = formatWatchSummary(detail(delivered), c).split('\n');
    expect(lines.at(-2)).toBe('Task done. Cost $0.50, 10 tokens in, 5 out.');
    expect(lines.at(-1)).toBe(
      `Branch ${branch} delivered to /srv/shop (commit abc1234, 2026-01-02 03:04:05)`,
    );
  });

  it('shows it in tasks get once, and the worktree as a path on its worker', () => {
    const text = formatTaskDetail(detail(failed), c);
    expect(text.match(/Branch switchyard\//g)).toHaveLength(1);
    expect(text).toContain(`Branch ${branch} not delivered: fatal: unable to access`);
    expect(text).toContain(
      '  worktree /var/lib/switchyard/worktrees/x (on the worker that ran the last phase)',
    );
  });
});
