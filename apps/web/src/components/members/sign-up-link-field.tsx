'use client';

import { useEffect, useState } from 'react';

/**
 * An invitation's sign-up link, selectable for copying. Switchyard sends no email: the admin passes
 * the link on, and only the invited address can sign up with it.
 */
export function SignUpLinkField({ invitationId, email }: { invitationId: string; email: string }) {
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);
  const link = `${origin}/sign-up?invitation=${encodeURIComponent(invitationId)}`;
  return (
    <input
      readOnly
      aria-label={`Sign-up link for ${email}`}
      data-testid="sign-up-link"
      className="mt-1 w-full min-w-56 rounded border border-slate-200 bg-white px-2 py-1 font-mono text-xs text-slate-700"
      value={link}
      onFocus={(e) => e.currentTarget.select()}
    />
  );
}
