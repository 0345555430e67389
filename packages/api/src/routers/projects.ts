import { MAX_QA_ITERATIONS_LIMIT } from '@switchyard/db/project-settings';
import { z } from 'zod';
import { bashAllowSchema } from '../schemas/bash-allow';
import { networkAllowSchema } from '../schemas/network-allow';
import { idSchema } from '../schemas/routing-settings';
import {
  createProject,
  deleteProject,
  listProjects,
  updateProject,
  updateProjectSettings,
} from '../services/projects';
import { adminProcedure, router, teamProcedure, writerProcedure } from '../trpc';

const fields = {
  name: z.string().trim().min(1).max(100),
  repoPath: z.string().trim().min(1).max(1000).startsWith('/', 'must be an absolute path').nullish(),
  gitUrl: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .regex(/^(https?:\/\/|ssh:\/\/|git@|file:\/\/)/, 'must be an https://, ssh://, git@ or file:// URL')
    .nullish(),
  defaultBranch: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[\w./-]+$/, 'must be a branch name'),
  /** The command QA runs in the worktree (e.g. `npm test`); null: none; omitted at creation: detected. */
  checkCommand: z
    .string()
    .trim()
    .max(1000)
    .transform((command) => command || null)
    .nullish(),
};

export const projectsRouter = router({
  list: teamProcedure.input(z.void()).query(({ ctx }) => listProjects(ctx.prisma, ctx.team.id)),
  create: writerProcedure
    .input(
      z
        .strictObject({ ...fields, defaultBranch: fields.defaultBranch.default('main') })
        .refine((p) => p.repoPath || p.gitUrl, {
          message: 'give a repoPath or a gitUrl',
          path: ['repoPath'],
        }),
    )
    .mutation(({ ctx, input }) => createProject(ctx.prisma, ctx.projectPlaces, ctx.team.id, input)),
  update: writerProcedure
    .input(
      z.strictObject({
        id: idSchema,
        name: fields.name.optional(),
        repoPath: fields.repoPath,
        gitUrl: fields.gitUrl,
        defaultBranch: fields.defaultBranch.optional(),
        checkCommand: fields.checkCommand,
      }),
    )
    .mutation(({ ctx, input: { id, ...changes } }) =>
      updateProject(ctx.prisma, ctx.projectPlaces, ctx.team.id, id, changes),
    ),
  /** Admins only: these widen what the project's agents may do. */
  updateSettings: adminProcedure
    .input(
      z.strictObject({
        id: idSchema,
        networkAllow: networkAllowSchema.optional(),
        maxQaIterations: z
          .number()
          .int('must be a whole number of review rounds')
          .min(1, 'at least 1 review round')
          .max(MAX_QA_ITERATIONS_LIMIT, `at most ${MAX_QA_ITERATIONS_LIMIT} review rounds`)
          .optional(),
        bashAllow: bashAllowSchema.optional(),
      }),
    )
    .mutation(({ ctx, input: { id, ...settings } }) =>
      updateProjectSettings(ctx.prisma, ctx.team.id, id, settings),
    ),
  delete: writerProcedure
    .input(z.strictObject({ id: idSchema }))
    .mutation(({ ctx, input }) => deleteProject(ctx.prisma, ctx.team.id, input.id)),
});
