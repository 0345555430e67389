export { type Context, createContext } from './context';
export { type AppRouter, appRouter } from './root';
export { profilePhasesSchema } from './schemas/profile-phases';
export type { Overview, OverviewProfile, OverviewTask, PhaseRouteSummary } from './services/get-overview';
export { createCallerFactory } from './trpc';
