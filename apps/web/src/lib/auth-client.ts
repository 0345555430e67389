import { createAuthClient } from 'better-auth/react';

/** better-auth's browser client: the auth endpoints are served by this app at /api/auth. */
export const authClient = createAuthClient();
