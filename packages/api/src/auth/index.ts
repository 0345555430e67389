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
  INVITATION_LINK_MESSAGE,
  INVITATION_ONLY_MESSAGE,
  invitationForSignUp,
  OPEN_SIGNUP_ENV,
  type SignUpPolicy,
  signUpLink,
  signUpNotice,
  signUpPolicyFrom,
  signUpRefusal,
} from './sign-up-policy';
