const integer = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat('en-US', { timeStyle: 'medium' });

/** 12,345 tokens; 1.2M past a million. */
export function formatTokens(tokens: number): string {
  return tokens >= 1_000_000 ? compact.format(tokens) : integer.format(tokens);
}

/** Dollars to the cent; sub-cent amounts keep four decimals so a cheap run does not read $0.00. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0.00';
  if (Math.abs(usd) < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

export function formatTime(date: Date): string {
  return time.format(date);
}

/** Spec, Planning, Coding, QA. */
export function phaseLabel(phase: string): string {
  return phase === 'qa' ? 'QA' : phase.charAt(0).toUpperCase() + phase.slice(1);
}

/** A money axis tick: enough decimals that neighbouring ticks never read the same. */
export function formatCostTick(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 1) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}
