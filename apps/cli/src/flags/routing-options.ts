import { PHASES, THINKING_LEVELS } from '@switchyard/providers';
import type { Command } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const phases = PHASES.join('|');

/** The routing flags `tasks create` and `routing preview` share (parsed by parseRoutingFlags). */
export function addRoutingOptions(command: Command): Command {
  return command
    .option('--provider <PROVIDER>', 'override: every phase uses this provider, whatever else is set')
    .option(
      '--phase-provider <PHASE=PROVIDER>',
      `one phase's provider (${phases}), repeatable: --phase-provider coding=zai`,
      collect,
    )
    .option(
      '--phase-model <PHASE=MODEL>',
      `one phase's model, repeatable: --phase-model coding=glm-4.7`,
      collect,
    )
    .option(
      '--phase-thinking <PHASE=LEVEL>',
      `one phase's thinking level (${THINKING_LEVELS.join('|')}), repeatable`,
      collect,
    )
    .option('--budget <USD>', 'stop the task once it has cost this many US dollars');
}
