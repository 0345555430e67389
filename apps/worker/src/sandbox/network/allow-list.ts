import { type HostRule, parseHostRule } from '@switchyard/db/network-allow';

export type { HostRule };

/** The valid rules of a project's allow list (the API refuses invalid ones; see @switchyard/db/network-allow). */
export function parseAllowList(entries: readonly string[]): HostRule[] {
  return entries.map(parseHostRule).filter((rule): rule is HostRule => typeof rule !== 'string');
}

export function isAllowed(rules: readonly HostRule[], hostname: string, port: number): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return rules.some((rule) => {
    const hostMatches = rule.wildcard ? name.endsWith(`.${rule.host}`) : name === rule.host;
    const portMatches = rule.port === null ? port === 80 || port === 443 : port === rule.port;
    return hostMatches && portMatches;
  });
}
