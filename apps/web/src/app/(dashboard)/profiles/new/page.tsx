import { ProfileForm } from '@/components/profiles/profile-form';
import { PageHeader } from '@/components/ui/page-header';

export const metadata = { title: 'New profile · Switchyard' };

export default function Page() {
  return (
    <div>
      <PageHeader
        title="New agent profile"
        description="Route each phase to the provider and model that suits it."
      />
      <ProfileForm />
    </div>
  );
}
