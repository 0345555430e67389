export { GitError, git } from './git';
export {
  commitWorktree,
  diffAgainstBase,
  ensureTaskWorktree,
  type ProjectRepository,
  type TaskWorktree,
  taskBranch,
} from './task-worktree';
