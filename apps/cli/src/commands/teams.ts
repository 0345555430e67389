import type { Command } from 'commander';
import { z } from 'zod';
import { openSession, type Session } from '../api/session';
import { ExitCode, usageError } from '../cli-error';
import {
  describeWebSearch,
  formatCurrentTeam,
  formatMembers,
  formatMyInvitations,
} from '../output/format-teams';
import { printResult } from '../output/print';
import { type CommandContext, colorsOf, JSON_FLAG, JSON_HELP } from './context';

const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
type Role = (typeof ROLES)[number];

function parseRole(value: string): Role {
  const role = ROLES.find((r) => r === value.trim().toLowerCase());
  if (!role) throw usageError(`"${value}" is not a role.`, `Roles: ${ROLES.join(', ')}.`);
  return role;
}

/** A member by email (case-insensitive) or user id. */
async function findMember(session: Session, input: string) {
  const { members } = await session.call((c) => c.teams.members.query());
  const wanted = input.trim().toLowerCase();
  const member = members.find((m) => m.userId === input.trim() || m.email.toLowerCase() === wanted);
  if (!member)
    throw usageError(
      `No member "${input}" in your team.`,
      `Pass an email or user id as switchyard teams members lists them: ${members.map((m) => m.email).join(', ')}.`,
    );
  return member;
}

/**
 * `teams current|members|invite|cancel-invitation|set-role|remove-member|invitations|set-web-search`:
 * the API key's team. Accepting an invitation and switching teams are the dashboard's (a key acts in
 * one team).
 */
export function registerTeams(teams: Command, ctx: CommandContext): void {
  teams
    .command('current')
    .description("the API key's team, your role in it, your other teams and the team's web search backend")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const current = await session.call((c) => c.teams.current.query());
      printResult(ctx.rt, json, current, () => formatCurrentTeam(current, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });

  teams
    .command('members')
    .description("the team's members with their roles, and pending invitations")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const list = await session.call((c) => c.teams.members.query());
      printResult(ctx.rt, json, list, () => formatMembers(list, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });

  teams
    .command('invite')
    .description('invite an email address to the team (admins; only an owner invites an owner)')
    .argument('<EMAIL>', 'who to invite')
    .option('--role <ROLE>', `${ROLES.join('|')} (default: member)`, 'member')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (email: string, opts: { role: string; json?: boolean }) => {
      const role = parseRole(opts.role);
      if (!z.email().safeParse(email.trim()).success)
        throw usageError(
          `"${email}" is not an email address.`,
          'e.g. switchyard teams invite ada@example.com',
        );
      const session = await openSession(ctx.rt);
      const invited = await session.call((c) => c.teams.invite.mutate({ email: email.trim(), role }));
      // Switchyard sends no email: the link (with the invitation's id) is how the invitee signs up.
      const signUpLink = `${session.config.url.replace(/\/+$/, '')}/sign-up?invitation=${encodeURIComponent(invited.id)}`;
      const invitation = { ...invited, signUpLink };
      printResult(
        ctx.rt,
        Boolean(opts.json),
        invitation,
        () =>
          `Invited ${invitation.email} as ${invitation.role} (until ${invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC). Send them this sign-up link (only ${invitation.email} can use it): ${signUpLink}\nWith an account already, they accept the invitation in the dashboard after signing in.`,
      );
      ctx.finish(ExitCode.ok);
    });

  teams
    .command('cancel-invitation')
    .description('cancel a pending invitation (admins)')
    .argument('<INVITATION>', 'the invited email or the invitation id (teams members lists them)')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (input: string, opts: { json?: boolean }) => {
      const session = await openSession(ctx.rt);
      const { invitations } = await session.call((c) => c.teams.members.query());
      const wanted = input.trim().toLowerCase();
      const invitation = invitations.find((i) => i.id === input.trim() || i.email.toLowerCase() === wanted);
      if (!invitation)
        throw usageError(
          `No pending invitation "${input}".`,
          invitations.length
            ? `Pending: ${invitations.map((i) => i.email).join(', ')}.`
            : 'The team has no pending invitations.',
        );
      const cancelled = await session.call((c) =>
        c.teams.cancelInvitation.mutate({ invitationId: invitation.id }),
      );
      printResult(
        ctx.rt,
        Boolean(opts.json),
        { ...cancelled, email: invitation.email },
        () => `Cancelled the invitation of ${invitation.email}.`,
      );
      ctx.finish(ExitCode.ok);
    });

  teams
    .command('set-role')
    .description("change a member's role (admins; owners only to or from owner)")
    .argument('<MEMBER>', 'email or user id')
    .argument('<ROLE>', ROLES.join('|'))
    .option(JSON_FLAG, JSON_HELP)
    .action(async (input: string, roleArg: string, opts: { json?: boolean }) => {
      const role = parseRole(roleArg);
      const session = await openSession(ctx.rt);
      const member = await findMember(session, input);
      const changed = await session.call((c) => c.teams.changeRole.mutate({ userId: member.userId, role }));
      printResult(ctx.rt, Boolean(opts.json), changed, () => `${member.email} is now ${role}.`);
      ctx.finish(ExitCode.ok);
    });

  teams
    .command('remove-member')
    .description('remove a member from the team (admins); their API keys in it stop working')
    .argument('<MEMBER>', 'email or user id')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (input: string, opts: { json?: boolean }) => {
      const session = await openSession(ctx.rt);
      const member = await findMember(session, input);
      const removed = await session.call((c) => c.teams.removeMember.mutate({ userId: member.userId }));
      printResult(
        ctx.rt,
        Boolean(opts.json),
        { ...removed, email: member.email },
        () => `Removed ${member.email} from the team.`,
      );
      ctx.finish(ExitCode.ok);
    });

  teams
    .command('invitations')
    .description('invitations addressed to your email, from any team (accept them in the dashboard)')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const session = await openSession(ctx.rt);
      const list = await session.call((c) => c.teams.myInvitations.query());
      printResult(ctx.rt, json, list, () => formatMyInvitations(list, colorsOf(ctx, json)));
      ctx.finish(ExitCode.ok);
    });

  teams
    .command('set-web-search')
    .description("set the team's WebSearch backend, a SearXNG URL (admins); --none: agents get no WebSearch")
    .argument('[URL]', 'the SearXNG instance, e.g. http://searx.internal:8080')
    .option('--none', 'no backend: the WebSearch tool is not offered')
    .option(JSON_FLAG, JSON_HELP)
    .action(async (url: string | undefined, opts: { none?: boolean; json?: boolean }) => {
      if (Boolean(url?.trim()) === Boolean(opts.none))
        throw usageError(
          'Give either a SearXNG URL or --none.',
          'e.g. switchyard teams set-web-search http://searx.internal:8080',
        );
      const session = await openSession(ctx.rt);
      const settings = await session.call((c) =>
        c.teams.updateSettings.mutate({
          webSearch: opts.none ? null : { kind: 'searxng', url: url!.trim() },
        }),
      );
      printResult(
        ctx.rt,
        Boolean(opts.json),
        settings,
        () => `Web search: ${describeWebSearch(settings.webSearch)}`,
      );
      ctx.finish(ExitCode.ok);
    });
}
