import { TaskDetailView } from '@/components/task-detail/task-detail-view';

export const metadata = { title: 'Task · Switchyard' };

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TaskDetailView taskId={id} />;
}
