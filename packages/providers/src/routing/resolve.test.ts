import { describe, expect, it } from 'vitest';
import type { TeamCredential } from '../credentials/resolve';
import { UnknownProviderError } from '../registry/registry';
import { resolvePhaseRouting, resolveRoutingForPhase } from './resolve';
import type { ProfileRouting } from './schemas';

const profile: ProfileRouting = {
  defaultProvider: 'openai',
  phases: {
    planning: {
      provider: 'anthropic',
      model: 'opus',
      thinking: 'ultrathink',
      fallbacks: [{ provider: 'zai', model: 'opus' }],
    },
    coding: { provider: 'zai', model: 'glm-4.7', thinking: 'medium', fallbacks: [] },
  },
};

describe('provider precedence (§4.4)', () => {
  const chosen = (
    input: Parameters<typeof resolveRoutingForPhase>[1],
    phase: 'planning' | 'spec' = 'planning',
  ) => {
    const r = resolveRoutingForPhase(phase, input);
    return {
      provider: r.provider,
      step: r.trace.find((t) => t.field === 'provider' && t.outcome === 'chosen')?.step,
    };
  };

  it('overrideProvider beats everything', () => {
    expect(
      chosen({
        task: { overrideProvider: 'glm', phaseProviders: { planning: 'openai' }, provider: 'deepseek' },
        profile,
      }),
    ).toEqual({ provider: 'zai', step: 'task.overrideProvider' });
  });
  it('then task.phaseProviders[phase]', () => {
    expect(
      chosen({ task: { phaseProviders: { planning: 'openai' }, provider: 'deepseek' }, profile }),
    ).toEqual({
      provider: 'openai',
      step: 'task.phaseProviders.planning',
    });
  });
  it('then task.provider', () => {
    expect(chosen({ task: { provider: 'DeepSeek' }, profile })).toEqual({
      provider: 'deepseek',
      step: 'task.provider',
    });
  });
  it("then the profile's phase provider", () => {
    expect(chosen({ task: {}, profile })).toEqual({
      provider: 'anthropic',
      step: 'profile.phases.planning.provider',
    });
  });
  it("then the profile's defaultProvider", () => {
    expect(chosen({ profile }, 'spec')).toEqual({ provider: 'openai', step: 'profile.defaultProvider' });
  });
  it('then the team default', () => {
    expect(chosen({ profile: null, teamDefaultProvider: 'Z.AI' }, 'spec')).toEqual({
      provider: 'zai',
      step: 'team.defaultProvider',
    });
  });
  it('then anthropic', () => {
    expect(chosen({}, 'spec')).toEqual({ provider: 'anthropic', step: 'built-in default' });
  });

  it('traces every step it considered, shadowed ones included', () => {
    const r = resolveRoutingForPhase('planning', {
      task: { provider: 'openai' },
      profile,
      teamDefaultProvider: 'zai',
    });
    const steps = r.trace.filter((t) => t.field === 'provider').map((t) => [t.step, t.outcome]);
    expect(steps).toEqual([
      ['task.overrideProvider', 'unset'],
      ['task.phaseProviders.planning', 'unset'],
      ['task.provider', 'chosen'],
      ['profile.phases.planning.provider', 'shadowed'],
      ['profile.defaultProvider', 'shadowed'],
      ['team.defaultProvider', 'shadowed'],
      ['built-in default', 'shadowed'],
    ]);
  });

  it('an unknown provider is an error listing the known ones, never a silent fallback', () => {
    expect(() => resolveRoutingForPhase('coding', { task: { provider: 'mistral' } })).toThrow(
      UnknownProviderError,
    );
    expect(() => resolveRoutingForPhase('coding', { task: { provider: 'mistral' } })).toThrow(
      'Unknown provider "mistral". Known providers: anthropic, zai, openai, openrouter, deepseek, ollama.',
    );
  });
});

describe('model precedence and alias mapping', () => {
  it('task.phaseModels beats the profile model', () => {
    const r = resolveRoutingForPhase('coding', { task: { phaseModels: { coding: 'glm-4.6' } }, profile });
    expect(r.model).toBe('glm-4.6');
  });
  it('a Claude alias on GLM maps by the table', () => {
    expect(
      resolveRoutingForPhase('planning', { task: { phaseProviders: { planning: 'zai' } }, profile }).model,
    ).toBe('glm-4.7');
  });
  it('a full Claude id on GLM maps by its tier', () => {
    const r = resolveRoutingForPhase('coding', {
      task: { phaseModels: { coding: 'claude-haiku-4-5' } },
      profile,
    });
    expect(r.model).toBe('glm-4.5-air');
    expect(r.trace).toContainEqual(
      expect.objectContaining({ field: 'model', outcome: 'mapped', value: 'glm-4.5-air' }),
    );
  });
  it('a GLM id passes through', () => {
    expect(resolveRoutingForPhase('coding', { profile }).model).toBe('glm-4.7');
  });
  it('opus on anthropic is the current Claude id; env may override', () => {
    expect(resolveRoutingForPhase('planning', { profile }).model).toBe('claude-opus-4-5');
    expect(
      resolveRoutingForPhase('planning', {
        profile,
        env: { ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-4-1' },
      }).model,
    ).toBe('claude-opus-4-1');
  });
  it('the provider default model is used when nothing names one', () => {
    expect(resolveRoutingForPhase('qa', { task: { provider: 'deepseek' } }).model).toBe('deepseek-chat');
  });
  it("a profile model of another provider is replaced by the chosen provider's tier", () => {
    const r = resolveRoutingForPhase('coding', {
      task: { overrideProvider: 'openai' },
      profile: { phases: { coding: { provider: 'zai', model: 'glm-4.7', thinking: 'low', fallbacks: [] } } },
    });
    expect(r.model).toBe('gpt-5');
  });
  it('an unknown model is allowed but flagged', () => {
    const r = resolveRoutingForPhase('coding', {
      task: { phaseModels: { coding: 'glm-9-preview' } },
      profile,
    });
    expect(r.model).toBe('glm-9-preview');
    expect(r.modelInCatalog).toBe(false);
    expect(r.warnings).toContain('model "glm-9-preview" is not in the catalog of Z.AI: no price, no limits');
  });
  it('fallbacks map aliases for their own provider', () => {
    const r = resolveRoutingForPhase('planning', { profile });
    expect(r.fallbacks.map((f) => [f.provider, f.model, f.protocol])).toEqual([
      ['zai', 'glm-4.7', 'openai-chat'],
    ]);
  });
});

describe('thinking', () => {
  it('ultrathink on a model whose maximum is 64,000 gives at most 64,000', () => {
    const r = resolveRoutingForPhase('planning', { profile });
    expect(r.model).toBe('claude-opus-4-5');
    expect(r.thinking.budgetTokens).toBe(64_000);
    expect(r.warnings).toContain('thinking budget clamped from 65536 to 64000 (model maximum)');
  });
  it('clamps to 32,000 on Opus 4.1', () => {
    const r = resolveRoutingForPhase('planning', {
      profile,
      task: { phaseModels: { planning: 'claude-opus-4-1' } },
    });
    expect(r.thinking.budgetTokens).toBe(32_000);
  });
  it('task.phaseThinking beats the profile; GLM gets its on/off switch instead of a budget', () => {
    const r = resolveRoutingForPhase('coding', { profile, task: { phaseThinking: { coding: 'none' } } });
    expect(r.thinking).toMatchObject({ level: 'none', enabled: false, budgetTokens: 0, control: 'toggle' });
    expect(resolveRoutingForPhase('coding', { profile }).thinking).toMatchObject({
      control: 'toggle',
      enabled: true,
    });
  });
  it('a provider without a thinking control drops the level with a note', () => {
    const r = resolveRoutingForPhase('coding', {
      task: { provider: 'ollama', phaseThinking: { coding: 'high' } },
    });
    expect(r.thinking.enabled).toBe(false);
    expect(r.warnings.some((w) => w.includes('dropped'))).toBe(true);
  });
});

describe('credentials and base URLs in the decision', () => {
  const creds: TeamCredential[] = [
    {
      id: 'c1',
      provider: 'zai',
      label: 'GLM coding plan',
      protocol: 'openai-chat',
      baseUrl: 'https://api.z.ai/api/coding/paas/v4',
      isDefault: true,
    },
    {
      id: 'c2',
      provider: 'zai',
      label: 'GLM anthropic',
      protocol: 'anthropic-messages',
      baseUrl: 'https://api.z.ai/api/anthropic',
      isDefault: false,
    },
  ];
  it('profile credential → team default → env, never a secret', () => {
    const viaProfile = resolveRoutingForPhase('coding', {
      profile: {
        phases: {
          coding: { provider: 'zai', model: 'glm-4.7', thinking: 'low', credentialId: 'c2', fallbacks: [] },
        },
      },
      teamCredentials: creds,
    });
    expect(viaProfile.credential).toEqual({ kind: 'profile', credentialId: 'c2', label: 'GLM anthropic' });
    expect(viaProfile.protocol).toBe('anthropic-messages');
    expect(viaProfile.baseUrl).toBe('https://api.z.ai/api/anthropic');

    const viaTeam = resolveRoutingForPhase('coding', {
      profile,
      teamCredentials: creds,
      env: { ZAI_API_KEY: 'k' },
    });
    expect(viaTeam.credential).toEqual({
      kind: 'team_default',
      credentialId: 'c1',
      label: 'GLM coding plan',
    });
    expect(viaTeam.baseUrl).toBe('https://api.z.ai/api/coding/paas/v4');

    const viaEnv = resolveRoutingForPhase('coding', {
      profile,
      env: { GLM_API_KEY: 'secret', GLM_BASE_URL: 'http://glm.local/v4' },
    });
    expect(viaEnv.credential).toEqual({ kind: 'env', envName: 'GLM_API_KEY' });
    expect(viaEnv.baseUrl).toBe('http://glm.local/v4');
    expect(JSON.stringify(viaEnv)).not.toContain('secret');
  });
  it('ANTHROPIC_AUTH_TOKEN is used as a bearer token', () => {
    const r = resolveRoutingForPhase('spec', { env: { ANTHROPIC_AUTH_TOKEN: 't' } });
    expect(r.credential).toEqual({ kind: 'env', envName: 'ANTHROPIC_AUTH_TOKEN' });
    expect(r.authScheme).toBe('bearer');
  });
  it('a custom provider named by a team credential routes with its protocol and base URL', () => {
    const r = resolveRoutingForPhase('qa', {
      task: { phaseProviders: { qa: 'My Gateway' }, phaseModels: { qa: 'qwen3-coder' } },
      teamCredentials: [
        {
          id: 'g',
          provider: 'my-gateway',
          label: 'Gateway',
          protocol: 'openai-chat',
          baseUrl: 'http://gw.local/v1',
          isDefault: true,
        },
      ],
    });
    expect([r.provider, r.protocol, r.baseUrl, r.model]).toEqual([
      'my-gateway',
      'openai-chat',
      'http://gw.local/v1',
      'qwen3-coder',
    ]);
    expect(r.credential).toEqual({ kind: 'team_default', credentialId: 'g', label: 'Gateway' });
  });
  it('lists exactly the providers some phase or fallback may use', () => {
    const d = resolvePhaseRouting({ task: { provider: 'zai' } });
    expect(d.providersUsed).toEqual(['zai']);
    expect(resolvePhaseRouting({ profile }).providersUsed.sort()).toEqual(['anthropic', 'openai', 'zai']);
  });
});
