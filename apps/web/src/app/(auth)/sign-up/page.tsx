import { invitationForSignUp, signUpNotice, signUpPolicyFrom } from '@switchyard/api';
import { AuthForm } from '@/components/shell/auth-form';
import { getPrisma } from '@/server/db';

export const metadata = { title: 'Sign up · Switchyard' };
// Who may sign up depends on the accounts and invitations there are now.
export const dynamic = 'force-dynamic';

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ invitation?: string }>;
}) {
  const { invitation: invitationId } = await searchParams;
  const prisma = getPrisma();
  const invitation = invitationId ? await invitationForSignUp(prisma, invitationId) : null;
  const notice = invitation
    ? `You are invited to ${invitation.team.name} as ${invitation.role}: sign up with ${invitation.email}, then accept the invitation.`
    : invitationId
      ? 'This invitation link has expired or was cancelled: ask the admin who sent it for a new one.'
      : await signUpNotice(prisma, signUpPolicyFrom(process.env));
  return (
    <AuthForm
      mode="sign-up"
      notice={notice}
      invitation={invitation && invitationId ? { id: invitationId, email: invitation.email } : null}
    />
  );
}
