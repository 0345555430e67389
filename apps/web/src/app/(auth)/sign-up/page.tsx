import { AuthForm } from '@/components/shell/auth-form';

export const metadata = { title: 'Sign up · Switchyard' };

export default function SignUpPage() {
  return <AuthForm mode="sign-up" />;
}
