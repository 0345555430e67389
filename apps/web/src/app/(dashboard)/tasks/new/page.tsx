import { NewTaskWizard } from '@/components/wizard/new-task-wizard';

export const metadata = { title: 'New task · Switchyard' };

export default function NewTaskPage() {
  return <NewTaskWizard />;
}
