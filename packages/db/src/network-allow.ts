/**
 * The grammar of a project's network allow list (`Project.settings.networkAllow`), shared by the API
 * that validates it and the worker whose sandbox proxy applies it: `registry.npmjs.org`,
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

/** The list a project's settings JSON holds (anything unreadable counts as none). */
export function networkAllowOf(settings: unknown): string[] {
  const list = (settings as { networkAllow?: unknown } | null)?.networkAllow;
  return Array.isArray(list) ? list.filter((h): h is string => typeof h === 'string') : [];
}
