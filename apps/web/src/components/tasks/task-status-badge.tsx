import type { TaskStatus } from '@switchyard/db';
import { Badge } from '@/components/ui/badge';
import { TASK_STATUS_STYLE } from '@/lib/task-status';

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const style = TASK_STATUS_STYLE[status];
  return (
    <Badge data-testid="task-status" data-status={status} className={style.className}>
      {style.label}
    </Badge>
  );
}
