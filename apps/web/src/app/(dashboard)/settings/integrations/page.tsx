import { IntegrationsPage } from '@/components/integrations/integrations-page';

export const metadata = { title: 'Integrations · Switchyard' };

export default function Page() {
  return <IntegrationsPage />;
}
