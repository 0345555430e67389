export { GitError, git } from './git';
export { verifyProjectPlace } from './project-place';
export {
  commitWorktree,
  diffAgainstBase,
  ensureTaskWorktree,
  type ProjectRepository,
  type TaskWorktree,
  taskBranch,
  worktreeGit,
} from './task-worktree';
