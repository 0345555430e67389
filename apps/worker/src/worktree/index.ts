export { GitError, git, withoutCredentials } from './git';
export { ensureProjectClone, type ProjectRepository } from './project-clone';
export { verifyProjectPlace } from './project-place';
export {
  commitWorktree,
  diffAgainstBase,
  ensureTaskWorktree,
  type TaskWorktree,
  taskBranch,
  worktreeGit,
} from './task-worktree';
