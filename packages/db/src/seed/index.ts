export { BUILTIN_PROFILES, type BuiltinProfile } from './builtin-profiles';
export { seedBuiltinProfiles } from './seed-builtin-profiles';
