import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { CatalogProvider } from '@/components/shell/catalog-context';
import { buildProviderCatalog } from '@/lib/provider-catalog';
import { getAuth } from '@/server/auth';

export const dynamic = 'force-dynamic';

/** Every dashboard page: signed-out visitors go to sign-in first. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await getAuth().api.getSession({ headers: await headers() });
  if (!session) redirect('/sign-in');
  return (
    <CatalogProvider catalog={buildProviderCatalog()}>
      <AppShell user={{ name: session.user.name, email: session.user.email }}>{children}</AppShell>
    </CatalogProvider>
  );
}
