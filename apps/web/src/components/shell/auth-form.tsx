'use client';

import type { Route } from 'next';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { Alert } from '@/components/ui/states';
import { authClient } from '@/lib/auth-client';

/**
 * Email and password sign-in or sign-up (better-auth); on success, the task board. `notice` says
 * who may sign up here (by invitation, or the first account), before anyone types.
 */
export function AuthForm({
  mode,
  notice = null,
  invitation = null,
}: {
  mode: 'sign-in' | 'sign-up';
  notice?: string | null;
  /** The invitation whose sign-up link was opened: its id goes with the sign-up, its address is filled in. */
  invitation?: { id: string; email: string } | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until React has hydrated the form, a click would submit it natively (a GET that reloads the page).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setPending(true);
    setError(null);
    const result =
      mode === 'sign-up'
        ? await authClient.signUp.email({
            email,
            password,
            name: String(form.get('name') ?? '').trim(),
            // Read by the server's sign-up check (better-auth passes extra body fields through).
            ...(invitation ? { invitationId: invitation.id } : {}),
          })
        : await authClient.signIn.email({ email, password });
    setPending(false);
    if (result.error) {
      setError(result.error.message ?? 'That did not work: check the email and password.');
      return;
    }
    router.replace('/');
    router.refresh();
  };

  const signUp = mode === 'sign-up';
  const other: { href: Route; text: string; link: string } = signUp
    ? { href: '/sign-in', text: 'Already have an account?', link: 'Sign in' }
    : { href: '/sign-up', text: 'New to Switchyard?', link: 'Create an account' };
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <span className="mx-auto grid size-10 place-items-center rounded-lg bg-indigo-600 text-lg font-semibold text-white">
            S
          </span>
          <h1 className="mt-3 text-xl font-semibold tracking-tight">
            {signUp ? 'Create your Switchyard account' : 'Sign in to Switchyard'}
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            Each phase of a coding task, routed to the model that suits it.
          </p>
        </div>
        <form
          onSubmit={submit}
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
          aria-label={signUp ? 'Sign up' : 'Sign in'}
        >
          {signUp && notice && (
            <p className="text-sm text-slate-600" data-testid="sign-up-notice">
              {notice}
            </p>
          )}
          {signUp && (
            <Field label="Name" htmlFor="name">
              <Input id="name" name="name" autoComplete="name" required maxLength={100} />
            </Field>
          )}
          <Field label="Email" htmlFor="email">
            <Input
              id="email"
              name="email"
              type="email"
              autoComplete="email"
              required
              defaultValue={invitation?.email}
            />
          </Field>
          <Field label="Password" htmlFor="password" hint={signUp ? 'At least 8 characters.' : undefined}>
            <Input
              id="password"
              name="password"
              type="password"
              autoComplete={signUp ? 'new-password' : 'current-password'}
              minLength={8}
              required
            />
          </Field>
          {error && <Alert tone="error">{error}</Alert>}
          <Button type="submit" variant="primary" className="w-full" disabled={pending || !hydrated}>
            {pending ? 'Please wait…' : signUp ? 'Create account' : 'Sign in'}
          </Button>
        </form>
        <p className="mt-4 text-center text-sm text-slate-500">
          {other.text}{' '}
          <Link href={other.href} className="font-medium text-indigo-600 hover:underline">
            {other.link}
          </Link>
        </p>
      </div>
    </div>
  );
}
