import type { OverviewProfile } from '@switchyard/api';

export function ProfilesList({ profiles }: { profiles: OverviewProfile[] }) {
  if (profiles.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-500">
        No agent profiles yet. Run <code>pnpm db:seed</code> to add the built-in ones.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
      {profiles.map((profile) => (
        <li key={profile.id} data-testid="overview-profile" className="px-4 py-3">
          <div className="flex items-center gap-2">
            <span className="font-medium">{profile.name}</span>
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
              {profile.builtin ? 'Built-in' : 'Team'}
            </span>
          </div>
          {profile.description && <p className="mt-0.5 text-sm text-slate-600">{profile.description}</p>}
          <PhaseRoutes profile={profile} />
        </li>
      ))}
    </ul>
  );
}

function PhaseRoutes({ profile }: { profile: OverviewProfile }) {
  if (profile.phasesError) {
    return <p className="mt-1 text-sm text-red-700">Phases cannot be read: {profile.phasesError}</p>;
  }
  return (
    <p className="mt-1 font-mono text-xs text-slate-500">
      {profile.phases.map((route) => `${route.phase} ${route.provider}/${route.model}`).join(' · ')}
    </p>
  );
}
