// Matches the colour codes picocolors writes, so columns align on the visible text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters.
const ANSI = /\u001b\[[0-9;]*m/g;

export const visibleLength = (text: string) => text.replace(ANSI, '').length;

/** Rows as aligned columns (two spaces apart), the last column left ragged. */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell));
    });
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visibleLength(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One line, at most `max` characters. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `2026-01-02 03:04:05` (UTC); `-` for none. */
export const timestamp = (date: Date | null) =>
  date ? date.toISOString().slice(0, 19).replace('T', ' ') : '-';
