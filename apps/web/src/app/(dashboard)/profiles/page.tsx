import { ProfilesPage } from '@/components/profiles/profiles-page';

export const metadata = { title: 'Agent profiles · Switchyard' };

export default function Page() {
  return <ProfilesPage />;
}
