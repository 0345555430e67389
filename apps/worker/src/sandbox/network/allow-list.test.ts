import { parseHostRule } from '@switchyard/db/network-allow';
import { describe, expect, it } from 'vitest';
import { isAllowed, parseAllowList } from './allow-list';

describe('a network allow list', () => {
  const rules = parseAllowList(['registry.npmjs.org', '*.pythonhosted.org', 'git.example.com:8443']);

  it.each([
    ['registry.npmjs.org', 443, true],
    ['registry.npmjs.org', 80, true],
    ['REGISTRY.npmjs.org.', 443, true],
    ['registry.npmjs.org', 22, false],
    ['evil-registry.npmjs.org', 443, false],
    ['files.pythonhosted.org', 443, true],
    ['pythonhosted.org', 443, false],
    ['pythonhosted.org.evil.com', 443, false],
    ['git.example.com', 8443, true],
    ['git.example.com', 443, false],
  ])('%s:%i allowed: %s', (host, port, allowed) => {
    expect(isAllowed(rules, host, port)).toBe(allowed);
  });

  it('refuses what is not a host name, saying what to write', () => {
    expect(parseHostRule('https://registry.npmjs.org/')).toMatch(/without a scheme or path/);
    expect(parseHostRule('localhost')).toMatch(/with a domain/);
    expect(parseHostRule('*')).toMatch(/is not a host name/);
    expect(parseHostRule('a.com:0')).toMatch(/port outside/);
    expect(parseAllowList(['localhost', 'ok.example.com'])).toEqual([
      { host: 'ok.example.com', wildcard: false, port: null },
    ]);
  });
});
