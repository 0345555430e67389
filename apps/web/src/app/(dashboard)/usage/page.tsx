import { UsagePage } from '@/components/usage/usage-page';

export const metadata = { title: 'Usage · Switchyard' };

export default function Page() {
  return <UsagePage />;
}
