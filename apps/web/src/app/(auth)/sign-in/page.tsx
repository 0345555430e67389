import { AuthForm } from '@/components/shell/auth-form';

export const metadata = { title: 'Sign in · Switchyard' };

export default function SignInPage() {
  return <AuthForm mode="sign-in" />;
}
