'use client';

import { createContext, type ReactNode, useContext } from 'react';
import type { ProviderCatalog, ProviderOption } from '@/lib/provider-catalog-types';

const CatalogContext = createContext<ProviderCatalog | null>(null);

export function CatalogProvider({ catalog, children }: { catalog: ProviderCatalog; children: ReactNode }) {
  return <CatalogContext.Provider value={catalog}>{children}</CatalogContext.Provider>;
}

/** Providers, models, phases and thinking levels, as the server's provider registry knows them. */
export function useCatalog(): ProviderCatalog & { provider(id: string): ProviderOption | undefined } {
  const catalog = useContext(CatalogContext);
  if (!catalog) throw new Error('useCatalog() needs a <CatalogProvider> (the dashboard layout).');
  return { ...catalog, provider: (id) => catalog.providers.find((p) => p.id === id) };
}
