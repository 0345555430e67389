// Where agent commands run: a bubblewrap sandbox per command (docs/decisions/0008).
export {
  BUBBLEWRAP_INSTALL_HINT,
  bubblewrapStatus,
  probeBubblewrap,
  SandboxUnavailableError,
} from './bubblewrap';
export {
  SANDBOX_ENV,
  SandboxConfigError,
  type SandboxMode,
  sandboxModeFrom,
  UNSANDBOXED_WARNING,
} from './mode';
export { isAllowed, parseAllowList } from './network/allow-list';
export { processLimit } from './process-limit';
export {
  bubblewrapRunner,
  type CommandRunner,
  commandRunner,
  type PreparedCommand,
  type SandboxSettings,
  unsandboxedRunner,
} from './sandbox';
