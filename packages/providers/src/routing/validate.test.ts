import { describe, expect, it } from 'vitest';
import { resolvePhaseRouting } from './resolve';
import { RoutingDecisionSchema } from './schemas';
import { validateRouting } from './validate';

describe('pre-flight validation (§4.6)', () => {
  it('names the Z.AI env variable and its alternates', () => {
    const result = validateRouting(
      resolvePhaseRouting({ task: { phaseProviders: { coding: 'zai' } }, env: { ANTHROPIC_API_KEY: 'k' } }),
    );
    expect(result.ok).toBe(false);
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
      'Phase "coding" routes to Z.AI (glm-4.5) but no Z.AI API key was found. Add one in Settings → Integrations → Z.AI, or set ZAI_API_KEY (also read: ZHIPUAI_API_KEY, GLM_API_KEY) on the worker.',
    ]);
  });

  it('asks for Anthropic credentials when a phase uses Claude', () => {
    const result = validateRouting(
      resolvePhaseRouting({
        task: { provider: 'zai', phaseProviders: { planning: 'anthropic' } },
        env: { ZAI_API_KEY: 'k' },
      }),
    );
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
      'Phase "planning" routes to Anthropic (claude-opus-4-5) but no Anthropic API key was found. Add one in Settings → Integrations → Anthropic, or set ANTHROPIC_API_KEY (also read: ANTHROPIC_AUTH_TOKEN) on the worker.',
    ]);
  });

  it('a GLM-only task never asks for Anthropic credentials', () => {
    const result = validateRouting(
      resolvePhaseRouting({ task: { provider: 'glm' }, env: { ZAI_API_KEY: 'k' } }),
    );
    expect(result.ok).toBe(true);
    expect(result.issues.some((i) => i.message.includes('Anthropic'))).toBe(false);
  });

  it('asks for a custom OpenAI-compatible provider key by its own env name', () => {
    const result = validateRouting(
      resolvePhaseRouting({
        task: { provider: 'acme-llm', phaseModels: { spec: 'm', planning: 'm', coding: 'm', qa: 'm' } },
        customProviders: [
          { id: 'acme-llm', label: 'Acme LLM', protocol: 'openai-chat', baseUrl: 'https://llm.acme.test/v1' },
        ],
      }),
      ['qa'],
    );
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
      'Phase "qa" routes to Acme LLM (m) but no Acme LLM API key was found. Add one in Settings → Integrations → Acme LLM, or set ACME_LLM_API_KEY on the worker.',
    ]);
  });

  it('rejects a malformed base URL', () => {
    const result = validateRouting(
      resolvePhaseRouting({ task: { provider: 'zai' }, env: { ZAI_API_KEY: 'k', ZAI_BASE_URL: 'api.z.ai' } }),
      ['coding'],
    );
    expect(result.issues.map((i) => i.message)).toContain(
      'Phase "coding" routes to Z.AI (glm-4.5) but its base URL "api.z.ai" is not a valid http(s) URL. Fix it in Settings → Integrations → Z.AI.',
    );
  });

  it('warns (without failing) about a fallback it cannot use and a model outside the catalog', () => {
    const result = validateRouting(
      resolvePhaseRouting({
        profile: {
          phases: {
            coding: {
              provider: 'zai',
              model: 'glm-x',
              thinking: 'low',
              fallbacks: [{ provider: 'openai', model: 'gpt-5' }],
            },
          },
        },
        env: { ZAI_API_KEY: 'k' },
      }),
      ['coding'],
    );
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([
      ['warning', 'fallback_unusable'],
      ['warning', 'routing_warning'],
    ]);
  });

  it('the decision round-trips through its zod schema (as stored in a JSON column)', () => {
    const decision = resolvePhaseRouting({ task: { provider: 'zai' }, env: { ZAI_API_KEY: 'k' } });
    expect(RoutingDecisionSchema.parse(JSON.parse(JSON.stringify(decision)))).toEqual(decision);
  });
});
