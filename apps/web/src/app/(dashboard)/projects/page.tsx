import { ProjectsPage } from '@/components/projects/projects-page';

export const metadata = { title: 'Projects · Switchyard' };

export default function Page() {
  return <ProjectsPage />;
}
