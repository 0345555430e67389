import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements } from 'better-auth/plugins/organization/access';

// Team roles (ARCHITECTURE.md §2, §7), defined once with better-auth's access-control API. The
// organization plugin enforces them on its own endpoints; the tRPC middlewares in ../trpc.ts ask the
// same roles through `roleCan`, so `viewer` can read everything and change nothing.
export const statements = {
  ...defaultStatements,
  /** Tasks, projects, credentials-free team data, API keys: what a member works with. */
  work: ['create', 'update', 'delete'],
  /** Team settings: profiles, credentials, members and invitations. */
  settings: ['update'],
} as const;

export const accessControl = createAccessControl(statements);

const viewer = accessControl.newRole({ ac: ['read'] });
const member = accessControl.newRole({ ac: ['read'], work: ['create', 'update', 'delete'] });
const admin = accessControl.newRole({
  organization: ['update'],
  member: ['create', 'update', 'delete'],
  invitation: ['create', 'cancel'],
  ac: ['read'],
  work: ['create', 'update', 'delete'],
  settings: ['update'],
});
const owner = accessControl.newRole({
  organization: ['update', 'delete'],
  member: ['create', 'update', 'delete'],
  invitation: ['create', 'cancel'],
  ac: ['read'],
  work: ['create', 'update', 'delete'],
  settings: ['update'],
});

export const teamRoles = { owner, admin, member, viewer };

export type TeamRole = keyof typeof teamRoles;
export const TEAM_ROLES = Object.keys(teamRoles) as TeamRole[];

/** What a procedure needs: `write` = member and above, `admin` = admin and above. */
export type Permission = 'write' | 'admin';

const REQUESTS = {
  write: { work: ['create'] },
  admin: { settings: ['update'] },
} as const;

export function roleCan(role: TeamRole, permission: Permission): boolean {
  return teamRoles[role].authorize(REQUESTS[permission]).success;
}
