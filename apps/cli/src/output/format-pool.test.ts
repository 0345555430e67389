import { describe, expect, it } from 'vitest';
import type { ApiOutputs } from '../api/client';
import { colorsFor } from './colors';
import { describeQuota, describeRest } from './format-pool';
import { formatProfile } from './format-profiles';
import { formatProvidersList } from './format-providers';

const c = colorsFor(false);
const now = new Date('2026-12-07T13:00:00Z');

describe('key pool output', () => {
  it('says until when and why a key rests, or that only an edit ends it', () => {
    const rest = {
      since: now,
      until: new Date('2026-12-07T14:05:00Z'),
      kind: 'rate_limited' as const,
      reason: '1302: Rate limit reached for requests',
      untilFrom: 'header',
    };
    expect(describeRest(rest, now)).toBe(
      'rests until 14:05 UTC (rate_limited: 1302: Rate limit reached for requests)',
    );
    expect(describeRest({ ...rest, until: null, kind: 'no_balance', reason: null }, now)).toBe(
      'rests until edited (no_balance)',
    );
    expect(describeRest({ ...rest, reason: 'x'.repeat(200) }, now, 20)).toMatch(/: x{19}…\)$/);
  });

  it('shows the remaining capacity a provider reported, only what is known', () => {
    expect(describeQuota(null)).toBeNull();
    expect(
      describeQuota({
        requests: { limit: 600, remaining: 12, resetAt: null },
        tokens: null,
        observedAt: now,
      }),
    ).toBe('requests 12/600 left');
    expect(
      describeQuota({
        requests: null,
        tokens: { limit: null, remaining: 45_000, resetAt: null },
        observedAt: now,
      }),
    ).toBe('tokens 45,000 left');
  });

  it('lists each pool under the providers, in order, with resting keys and capacity', () => {
    const member = {
      id: 'c1',
      label: 'GLM main',
      masked: '…1111',
      isDefault: true,
      position: 0,
      weight: 1,
      rest: null,
      quota: null,
    };
    const provider = {
      id: 'zai',
      label: 'Z.AI',
      source: 'builtin' as const,
      protocol: 'openai-chat',
      defaultBaseUrl: null,
      aliases: [],
      models: ['glm-4.7'],
      credentials: 2,
      hasDefaultCredential: true,
      keyEnvNames: ['ZAI_API_KEY'],
      envKeySet: false,
      needsCredential: true,
      pool: [
        member,
        {
          ...member,
          id: 'c2',
          label: 'GLM spare',
          masked: '…2222',
          isDefault: false,
          position: 1,
          weight: 3,
          rest: {
            since: now,
            until: null,
            kind: 'no_balance' as const,
            reason: '1113: Insufficient balance',
            untilFrom: null,
          },
          quota: { requests: { limit: 100, remaining: 7, resetAt: null }, tokens: null, observedAt: now },
        },
      ],
    } satisfies ApiOutputs['providers']['list']['providers'][number];
    const text = formatProvidersList(
      { providers: [provider], modelAliases: ['opus'] },
      { models: false },
      c,
      now,
    );
    expect(text).toMatch(/^zai\s+builtin\s+openai-chat\s+2 credentials, 1 resting\s+1 known$/m);
    expect(text).toContain('Key pools (in the order workers use them):');
    expect(text).toContain('    1. "GLM main" …1111 (default, position 0, weight 1) ready\n');
    expect(text).toContain(
      '    2. "GLM spare" …2222 (position 1, weight 3) rests until edited (no_balance: 1113: Insufficient balance) · requests 7/100 left',
    );
    expect(
      formatProvidersList(
        { providers: [{ ...provider, credentials: 0, pool: [] }], modelAliases: [] },
        { models: false },
        c,
      ),
    ).not.toContain('Key pools');
  });

  it("prints a profile's key policy", () => {
    const profile = {
      id: 'p',
      name: 'Pooled',
      description: '',
      builtin: false,
      phases: {},
      phasesError: null,
      defaultProvider: null,
      keyWaitMaxSeconds: 600,
      keyReservePercent: 10,
      createdById: null,
      createdAt: now,
      updatedAt: now,
    } satisfies ApiOutputs['profiles']['get'];
    expect(formatProfile(profile, c)).toContain(
      "key pools: wait up to 600 s for a resting key's reset, leave a key below 10 % of its limit",
    );
  });
});
