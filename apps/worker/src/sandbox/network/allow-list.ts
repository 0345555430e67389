/**
 * The hosts a project lets its agent reach through the sandbox's proxy: `registry.npmjs.org`,
 * `*.pythonhosted.org` (any subdomain, not the domain itself), optionally with a port
 * (`example.com:8443`); without one, ports 80 and 443. Empty (the default): no network at all.
 */
export interface HostRule {
  host: string;
  wildcard: boolean;
  port: number | null;
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A rule, or why the text is not one (shown to whoever edits the project's settings). */
export function parseHostRule(text: string): HostRule | string {
  const trimmed = text.trim().toLowerCase();
  const match = trimmed.match(/^(\*\.)?([^:/\s]+)(?::(\d{1,5}))?$/);
  if (!match)
    return `"${text}" is not a host name (write e.g. registry.npmjs.org, *.pypi.org or example.com:8443, without a scheme or path)`;
  const [, star, host, port] = match;
  if (!host!.includes('.') || !host!.split('.').every((label) => LABEL.test(label))) {
    return `"${text}" is not a host name with a domain (write e.g. registry.npmjs.org)`;
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    return `"${text}" has a port outside 1-65535`;
  return { host: host!, wildcard: Boolean(star), port: port === undefined ? null : Number(port) };
}

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
