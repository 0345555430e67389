import { EditProfile } from '@/components/profiles/edit-profile';

export const metadata = { title: 'Edit profile · Switchyard' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditProfile id={id} />;
}
