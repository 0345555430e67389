export {
  AUTH_SECRET_ENV,
  type Auth,
  AuthSecretError,
  createAuth,
  INVITATION_LINK_MESSAGE,
  INVITATION_ONLY_MESSAGE,
  invitationForSignUp,
  loadAuthSecret,
  OPEN_SIGNUP_ENV,
  roleCan,
  type SignUpPolicy,
  signUpLink,
  signUpNotice,
  signUpPolicyFrom,
  signUpRefusal,
  TEAM_ROLES,
  type TeamRole,
} from './auth';
export { CUSTOM_PROVIDERS_ENV, parseCustomProviders } from './config/custom-providers';
export { type Context, type ContextOptions, createContext } from './context';
export { type AppRouter, appRouter } from './root';
export { profilePhasesSchema } from './schemas/profile-phases';
export type { Overview, OverviewProfile, OverviewTask, PhaseRouteSummary } from './services/get-overview';
export { API_KEY_PREFIX } from './services/hash-api-key';
export type { PhasePreview, RoutingPreview } from './services/preview-routing';
export { createTaskEventHub, type TaskEventHub, type TaskEventHubTiming } from './services/task-event-hub';
export { createCallerFactory, RoutingValidationError } from './trpc';
