import { TeamSettingsPage } from '@/components/team-settings/team-settings-page';

export const metadata = { title: 'Team · Switchyard' };

export default function Page() {
  return <TeamSettingsPage />;
}
