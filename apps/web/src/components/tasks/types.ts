import type { AppRouter } from '@switchyard/api';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;

export type TaskSummary = Outputs['tasks']['list']['items'][number];
export type TaskDetail = Outputs['tasks']['get'];
export type TaskRun = TaskDetail['runs'][number];
export type RunRouting = NonNullable<Outputs['tasks']['runRouting']>;
export type TaskEvent = Outputs['tasks']['events']['events'][number];
export type Profile = Outputs['profiles']['list'][number];
export type Project = Outputs['projects']['list'][number];
export type RoutingPreview = Outputs['routing']['preview'];
export type PhasePreview = RoutingPreview['phases'][number];
