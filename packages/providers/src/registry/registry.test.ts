import { describe, expect, it } from 'vitest';
import { resolveCredential } from '../credentials/resolve';
import { BUILTIN_PROVIDERS } from './providers';
import { createProviderRegistry, normalizeProviderId, UnknownProviderError } from './registry';

describe('provider registry', () => {
  it('normalises ids and aliases case- and space-insensitively', () => {
    expect(
      ['claude', ' Anthropic ', 'GLM', 'zhipu', 'ZhipuAI', 'Z.AI', 'z ai'].map((i) => normalizeProviderId(i)),
    ).toEqual(['anthropic', 'anthropic', 'zai', 'zai', 'zai', 'zai', 'zai']);
  });
  it('an unknown id lists the known ones, custom providers included', () => {
    const registry = createProviderRegistry([
      { id: 'acme', protocol: 'anthropic-messages', baseUrl: 'https://acme.test' },
    ]);
    expect(registry.resolve('ACME').protocol).toBe('anthropic-messages');
    expect(registry.resolve('acme').keyEnvNames).toEqual(['ACME_API_KEY']);
    try {
      registry.resolve('nope');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UnknownProviderError);
      expect((err as UnknownProviderError).knownIds).toContain('acme');
    }
  });
});

describe('credential resolution (§4.2)', () => {
  const zai = BUILTIN_PROVIDERS.zai;
  it('reads the first env name found and reports every alternate', () => {
    const r = resolveCredential({
      provider: zai,
      teamCredentials: [],
      env: { GLM_API_KEY: 'x', ZHIPUAI_API_KEY: 'y' },
    });
    expect(r.source).toEqual({ kind: 'env', envName: 'ZHIPUAI_API_KEY' });
    expect(r.envNames).toEqual(['ZAI_API_KEY', 'ZHIPUAI_API_KEY', 'GLM_API_KEY']);
  });
  it('ignores a profile credential of another provider, with a note', () => {
    const r = resolveCredential({
      provider: zai,
      profileCredentialId: 'a',
      teamCredentials: [
        {
          id: 'a',
          provider: 'anthropic',
          label: 'Claude',
          protocol: 'anthropic-messages',
          baseUrl: null,
          isDefault: true,
        },
      ],
      env: {},
    });
    expect(r.source).toEqual({ kind: 'missing' });
    expect(r.notes[0]).toContain('is for anthropic');
  });
  it('Ollama needs no credential', () => {
    expect(
      resolveCredential({ provider: BUILTIN_PROVIDERS.ollama, teamCredentials: [], env: {} }).source,
    ).toEqual({ kind: 'none_needed' });
  });
});
