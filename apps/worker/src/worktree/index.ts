export { GitError, git } from './git';
export {
  commitWorktree,
  diffAgainstBase,
  ensureTaskWorktree,
  type ProjectRepository,
  type TaskWorktree,
  taskBranch,
  worktreeGit,
} from './task-worktree';
