'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Input, NativeSelect } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page-header';
import { Alert, EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/react';
import { SignUpLinkField } from './sign-up-link-field';

const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
type Role = (typeof ROLES)[number];

export function MembersPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.teams.members.queryOptions());
  const current = useQuery(trpc.teams.current.queryOptions());
  const mine = useQuery(trpc.teams.myInvitations.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.teams.members.queryKey() });
  const invite = useMutation(trpc.teams.invite.mutationOptions({ onSuccess: refresh }));
  const cancel = useMutation(trpc.teams.cancelInvitation.mutationOptions({ onSuccess: refresh }));
  const changeRole = useMutation(trpc.teams.changeRole.mutationOptions({ onSuccess: refresh }));
  const removeMember = useMutation(trpc.teams.removeMember.mutationOptions({ onSuccess: refresh }));
  const accept = useMutation(
    trpc.teams.acceptInvitation.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const isAdmin = current.data?.role === 'owner' || current.data?.role === 'admin';
  const error = changeRole.error ?? removeMember.error ?? cancel.error ?? accept.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email, role }, { onSuccess: () => setEmail('') });
  };

  return (
    <div>
      <PageHeader
        title="Members and invitations"
        description="Owners and admins manage the team; members create tasks; viewers read."
      />
      {mine.data && mine.data.length > 0 && (
        <Card className="mb-6 border-indigo-200">
          <CardHeader title="Invitations for you" />
          <ul className="divide-y divide-slate-100">
            {mine.data.map((inv) => (
              <li key={inv.id} className="flex items-center justify-between px-5 py-3 text-sm">
                <span>
                  <strong>{inv.team.name}</strong> invites you as {inv.role}
                  {inv.inviter ? ` (from ${inv.inviter.name || inv.inviter.email})` : ''}
                </span>
                <Button
                  size="sm"
                  variant="primary"
                  disabled={accept.isPending}
                  onClick={() => accept.mutate({ invitationId: inv.id })}
                >
                  Accept
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          {members.isPending ? (
            <Loading label="Loading members…" />
          ) : members.isError ? (
            <ErrorState
              title="Members could not be loaded."
              error={members.error}
              onRetry={() => members.refetch()}
            />
          ) : (
            <>
              <Table data-testid="members-table">
                <thead>
                  <tr>
                    <Th>Member</Th>
                    <Th>Role</Th>
                    <Th>Joined</Th>
                    <Th />
                  </tr>
                </thead>
                <tbody>
                  {members.data.members.map((m) => (
                    <tr key={m.userId}>
                      <Td>
                        <p className="font-medium">{m.name || m.email}</p>
                        <p className="text-xs text-slate-500">{m.email}</p>
                      </Td>
                      <Td>
                        {isAdmin ? (
                          <NativeSelect
                            aria-label={`Role of ${m.email}`}
                            className="max-w-32"
                            value={m.role}
                            onChange={(e) =>
                              changeRole.mutate({ userId: m.userId, role: e.target.value as Role })
                            }
                          >
                            {ROLES.map((r) => (
                              <option key={r} value={r}>
                                {r}
                              </option>
                            ))}
                          </NativeSelect>
                        ) : (
                          <Badge>{m.role}</Badge>
                        )}
                      </Td>
                      <Td className="text-slate-600">{formatDateTime(m.joinedAt)}</Td>
                      <Td className="text-right">
                        {isAdmin && (
                          <ConfirmButton
                            question={`Remove ${m.email} from the team?`}
                            pending={removeMember.isPending}
                            onConfirm={() => removeMember.mutate({ userId: m.userId })}
                          >
                            Remove
                          </ConfirmButton>
                        )}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              <section>
                <h2 className="mb-2 text-sm font-semibold text-slate-700">Pending invitations</h2>
                {members.data.invitations.length === 0 ? (
                  <EmptyState title="No pending invitations" />
                ) : (
                  <Table>
                    <tbody>
                      {members.data.invitations.map((inv) => (
                        <tr key={inv.id}>
                          <Td>{inv.email}</Td>
                          <Td>
                            <Badge>{inv.role}</Badge>
                          </Td>
                          <Td className="text-slate-500">expires {formatDateTime(inv.expiresAt)}</Td>
                          <Td>{isAdmin && <SignUpLinkField invitationId={inv.id} email={inv.email} />}</Td>
                          <Td className="text-right">
                            {isAdmin && (
                              <Button
                                variant="ghost"
                                size="sm"
                                onClick={() => cancel.mutate({ invitationId: inv.id })}
                              >
                                Cancel
                              </Button>
                            )}
                          </Td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                )}
              </section>
            </>
          )}
          {error && <Alert tone="error">{error.message}</Alert>}
        </div>
        <Card>
          <CardHeader
            title="Invite someone"
            description="They sign up with the link you send them (or sign in, if they have an account), then accept."
          />
          <CardBody>
            <form className="space-y-3" onSubmit={submit} aria-label="Invite">
              <Field label="Email" htmlFor="invite-email">
                <Input
                  id="invite-email"
                  type="email"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              </Field>
              <Field label="Role" htmlFor="invite-role">
                <NativeSelect id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              {invite.isError && <Alert tone="error">{invite.error.message}</Alert>}
              {invite.isSuccess && (
                <Alert tone="success">
                  Invitation made for {invite.data.email}. Send them this sign-up link (Switchyard sends no
                  email):
                  <SignUpLinkField invitationId={invite.data.id} email={invite.data.email} />
                </Alert>
              )}
              <Button
                type="submit"
                variant="primary"
                className="w-full"
                disabled={invite.isPending || !isAdmin}
              >
                {invite.isPending ? 'Inviting…' : 'Send invitation'}
              </Button>
              {!isAdmin && current.data && (
                <p className="text-xs text-slate-500">Inviting needs the admin role.</p>
              )}
            </form>
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
