'use client';

import type { Route } from 'next';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { authClient } from '@/lib/auth-client';
import { cn } from '@/lib/cn';
import { SandboxBanner } from './sandbox-banner';
import { TeamSwitcher } from './team-switcher';

const NAV: { group: string; items: { label: string; href: Route; testId: string }[] }[] = [
  {
    group: 'Work',
    items: [
      { label: 'Task board', href: '/', testId: 'nav-board' },
      { label: 'New task', href: '/tasks/new', testId: 'nav-new-task' },
      { label: 'Projects', href: '/projects', testId: 'nav-projects' },
      { label: 'Usage', href: '/usage', testId: 'nav-usage' },
    ],
  },
  {
    group: 'Team settings',
    items: [
      { label: 'Team', href: '/settings/team', testId: 'nav-team' },
      { label: 'Agent profiles', href: '/profiles', testId: 'nav-profiles' },
      { label: 'Integrations', href: '/settings/integrations', testId: 'nav-integrations' },
      { label: 'Members', href: '/settings/members', testId: 'nav-members' },
      { label: 'API keys', href: '/settings/api-keys', testId: 'nav-api-keys' },
    ],
  },
];

function isActive(pathname: string, href: string): boolean {
  if (href === '/') return pathname === '/' || (pathname.startsWith('/tasks/') && pathname !== '/tasks/new');
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function AppShell({ user, children }: { user: { name: string; email: string }; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const signOut = async () => {
    await authClient.signOut();
    router.replace('/sign-in');
    router.refresh();
  };
  return (
    <div className="flex min-h-screen">
      <aside className="w-56 shrink-0 border-r border-slate-200 bg-white">
        <div className="sticky top-0 flex h-screen flex-col">
          <div className="px-4 pt-4 pb-3">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
              <span className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">
                S
              </span>
              Switchyard
            </Link>
          </div>
          <div className="px-3 pb-3">
            <TeamSwitcher />
          </div>
          <nav aria-label="Main" className="flex-1 space-y-5 overflow-y-auto px-3 py-2">
            {NAV.map((group) => (
              <div key={group.group}>
                <p className="px-2 pb-1 text-xs font-medium tracking-wide text-slate-400 uppercase">
                  {group.group}
                </p>
                <ul className="space-y-0.5">
                  {group.items.map((item) => (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        data-testid={item.testId}
                        aria-current={isActive(pathname, item.href) ? 'page' : undefined}
                        className={cn(
                          'block rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900',
                          isActive(pathname, item.href) &&
                            'bg-indigo-50 font-medium text-indigo-700 hover:bg-indigo-50',
                        )}
                      >
                        {item.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </nav>
          <div className="border-t border-slate-200 px-4 py-3">
            <p className="truncate text-sm font-medium text-slate-800" data-testid="current-user">
              {user.name || user.email}
            </p>
            <p className="truncate text-xs text-slate-500">{user.email}</p>
            <Button variant="ghost" size="sm" className="mt-2 -ml-3" onClick={signOut}>
              Sign out
            </Button>
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-8">
        <div className="mx-auto max-w-7xl">
          <SandboxBanner />
          {children}
        </div>
      </main>
    </div>
  );
}
