export {
  BUILTIN_PROFILES,
  type BuiltinProfile,
  DEMO_PROVIDERS,
  OFFLINE_DEMO_PROFILE,
} from './builtin-profiles';
export { seedBuiltinProfiles } from './seed-builtin-profiles';
export { DEMO_PROJECT_NAME, DEMO_TEAM_SLUG, seedOfflineDemo } from './seed-offline-demo';
