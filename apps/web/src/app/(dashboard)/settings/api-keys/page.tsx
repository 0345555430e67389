import { ApiKeysPage } from '@/components/api-keys/api-keys-page';

export const metadata = { title: 'API keys · Switchyard' };

export default function Page() {
  return <ApiKeysPage />;
}
