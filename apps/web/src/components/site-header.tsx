import Link from 'next/link';

// Tasks and Profiles get their own pages in later issues; until then they point at the overview.
const NAV = [
  { label: 'Tasks', href: '/#tasks' },
  { label: 'Profiles', href: '/#profiles' },
] as const;

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-8 px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Switchyard
        </Link>
        <nav aria-label="Main" className="flex gap-6 text-sm text-slate-600">
          {NAV.map((item) => (
            <Link key={item.label} href={item.href} className="hover:text-slate-900">
              {item.label}
            </Link>
          ))}
        </nav>
      </div>
    </header>
  );
}
