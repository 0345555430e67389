import { signUpNotice, signUpPolicyFrom } from '@switchyard/api';
import { AuthForm } from '@/components/shell/auth-form';
import { getPrisma } from '@/server/db';

export const metadata = { title: 'Sign up · Switchyard' };
// Who may sign up depends on the accounts there are now.
export const dynamic = 'force-dynamic';

export default async function SignUpPage() {
  const notice = await signUpNotice(getPrisma(), signUpPolicyFrom(process.env));
  return <AuthForm mode="sign-up" notice={notice} />;
}
