import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';
import { formatTable } from './table';

type Current = ApiOutputs['teams']['current'];
type Members = ApiOutputs['teams']['members'];
type MyInvitations = ApiOutputs['teams']['myInvitations'];

const day = (date: Date) => date.toISOString().slice(0, 10);

export const describeWebSearch = (webSearch: Current['webSearch']) =>
  webSearch ? `SearXNG at ${webSearch.url}` : '(none: agents get no WebSearch tool)';

export function formatCurrentTeam(current: Current, c: Colors): string {
  const lines = [
    `${c.bold(current.team.name)} (${current.team.slug}, ${current.team.id}): you are ${current.role}`,
    `  web search: ${describeWebSearch(current.webSearch)}`,
  ];
  const others = current.teams.filter((t) => t.id !== current.team.id);
  if (others.length)
    lines.push(
      `  your other teams (an API key acts in its own team: create one there): ${others.map((t) => `${t.name} (${t.role})`).join(', ')}`,
    );
  return lines.join('\n');
}

export function formatMembers(list: Members, c: Colors): string {
  const lines = [
    formatTable([
      ['EMAIL', 'NAME', 'ROLE', 'JOINED', 'USER ID'].map((h) => c.bold(h)),
      ...list.members.map((m) => [m.email, m.name, m.role, day(m.joinedAt), m.userId]),
    ]),
  ];
  if (list.invitations.length)
    lines.push(
      '',
      c.bold('Pending invitations'),
      formatTable(list.invitations.map((i) => [`  ${i.email}`, i.role, `expires ${day(i.expiresAt)}`, i.id])),
    );
  return lines.join('\n');
}

export function formatMyInvitations(list: MyInvitations, c: Colors): string {
  if (!list.length) return 'No pending invitations for you.';
  return [
    formatTable(
      list.map((i) => [
        i.team.name,
        i.role,
        `from ${i.inviter.name} <${i.inviter.email}>`,
        `expires ${day(i.expiresAt)}`,
      ]),
    ),
    c.dim('Accept them in the dashboard: an API key acts only within its own team.'),
  ].join('\n');
}
