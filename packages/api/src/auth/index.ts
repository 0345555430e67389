export {
  accessControl,
  type Permission,
  roleCan,
  TEAM_ROLES,
  type TeamRole,
  teamRoles,
} from './access-control';
export { AUTH_SECRET_ENV, AuthSecretError, loadAuthSecret } from './auth-secret';
export { type Auth, type AuthOptions, createAuth } from './create-auth';
export {
  INVITATION_ONLY_MESSAGE,
  OPEN_SIGNUP_ENV,
  type SignUpPolicy,
  signUpNotice,
  signUpPolicyFrom,
  signUpRefusal,
} from './sign-up-policy';
