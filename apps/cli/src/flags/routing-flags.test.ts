import { describe, expect, it } from 'vitest';
import { CliError, ExitCode } from '../cli-error';
import { parseRoutingFlags } from './routing-flags';

function refusal(flags: Parameters<typeof parseRoutingFlags>[0]): CliError {
  try {
    parseRoutingFlags(flags);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected the flags to be refused');
}
const text = (error: CliError) => [error.message, ...error.details, error.hint].join('\n');

describe('routing flags', () => {
  it('turns --provider into the override and PHASE=X pairs into per-phase settings', () => {
    expect(
      parseRoutingFlags({
        provider: 'zai',
        phaseProvider: ['coding=zai', 'QA=anthropic'],
        phaseModel: ['coding=glm-4.7'],
        phaseThinking: ['planning=High'],
        budget: '2.50',
      }),
    ).toEqual({
      routing: {
        overrideProvider: 'zai',
        phaseProviders: { coding: 'zai', qa: 'anthropic' },
        phaseModels: { coding: 'glm-4.7' },
        phaseThinking: { planning: 'high' },
      },
      budgetUsd: 2.5,
    });
  });

  it('sends nothing that was not given', () => {
    expect(parseRoutingFlags({})).toEqual({ routing: {}, budgetUsd: null });
  });

  it("normalises built-in aliases (GLM → zai, Claude → anthropic) and keeps other names for the server's custom providers", () => {
    expect(
      parseRoutingFlags({ provider: ' GLM ', phaseProvider: ['spec=Claude', 'qa=demo'] }).routing,
    ).toEqual({
      overrideProvider: 'zai',
      phaseProviders: { spec: 'anthropic', qa: 'demo' },
    });
  });

  it('refuses a pair without "=", with the expected form and an example (exit 2)', () => {
    const error = refusal({ phaseProvider: ['codingzai'] });
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toBe(
      '--phase-provider "codingzai": expected PHASE=PROVIDER. Write --phase-provider PHASE=PROVIDER, e.g. --phase-provider coding=zai',
    );
  });

  it('refuses an unknown phase, listing the phases', () => {
    expect(refusal({ phaseModel: ['testing=glm-4.7'] }).message).toContain(
      '"testing" is not a phase (phases: spec, planning, coding, qa)',
    );
  });

  it('refuses an unknown thinking level, listing the levels', () => {
    expect(refusal({ phaseThinking: ['coding=maximum'] }).message).toContain(
      'thinking must be one of none|low|medium|high|ultrathink',
    );
  });

  it('refuses an empty value, a phase given twice and a provider id that cannot be one', () => {
    expect(refusal({ phaseModel: ['coding='] }).message).toContain('a model is needed');
    expect(refusal({ phaseProvider: ['coding=zai', 'coding=anthropic'] }).message).toContain(
      'gives "coding" twice',
    );
    expect(refusal({ provider: 'z/ai' }).message).toMatch(
      /^--provider: not a provider id: use one of anthropic, zai/,
    );
  });

  it('refuses a budget that is not a positive amount', () => {
    for (const budget of ['0', '-1', 'ten', '2e3'])
      expect(refusal({ budget }).message).toMatch(/--budget must be/);
  });

  it('reports every problem at once, with how to fix them', () => {
    const error = refusal({ phaseProvider: ['x'], phaseThinking: ['qa=hot'], budget: 'free' });
    expect(error.message).toBe('3 routing flags are not valid.');
    expect(error.details).toHaveLength(3);
    expect(text(error)).toContain(
      'Phases: spec, planning, coding, qa. Thinking levels: none|low|medium|high|ultrathink.',
    );
  });
});
