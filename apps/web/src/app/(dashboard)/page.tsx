import { TaskBoard } from '@/components/tasks/task-board';

export const metadata = { title: 'Tasks · Switchyard' };

export default function BoardPage() {
  return <TaskBoard />;
}
