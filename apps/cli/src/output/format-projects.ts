import type { ApiOutputs } from '../api/client';
import type { Colors } from './colors';

export type Project = ApiOutputs['projects']['list'][number];

export const describeCheck = (p: Project) => p.checkCommand ?? '(none: QA runs no tests)';
export const describeNetwork = (p: Project) =>
  p.networkAllow.length ? p.networkAllow.join(', ') : '(none: commands have no network)';
export const describeBashAllow = (p: Project) =>
  p.bashAllow ? p.bashAllow.join(', ') : '(no list: any command the policy allows)';
export const describeQaCap = (p: Project) => `at most ${p.maxQaIterations} QA review round(s)`;

/** One project on one line, every setting named (projects list). */
export function formatProjectLine(p: Project): string {
  return [
    `${p.name}  ${p.repoPath ?? p.gitUrl}  (${p.defaultBranch})`,
    `check: ${describeCheck(p)}`,
    `network: ${describeNetwork(p)}`,
    `qa cap: ${p.maxQaIterations}`,
    `bash allow: ${describeBashAllow(p)}`,
  ].join('  ');
}

export function formatProjectList(rows: Project[]): string {
  return rows.length
    ? rows.map(formatProjectLine).join('\n')
    : 'No projects yet: add one with switchyard projects create NAME --repo-path PATH.';
}

/** A project just created or changed: every field, one a line. */
export function formatProject(p: Project, verb: string, c: Colors): string {
  return [
    `${c.bold(verb)} project "${p.name}" (${p.id})`,
    `  repository:  ${p.repoPath ?? p.gitUrl} (base branch ${p.defaultBranch})`,
    `  check:       ${describeCheck(p)}`,
    `  network:     ${describeNetwork(p)}`,
    `  qa cap:      ${describeQaCap(p)}`,
    `  bash allow:  ${describeBashAllow(p)}`,
  ].join('\n');
}
