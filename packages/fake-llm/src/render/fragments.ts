// Providers stream text and tool arguments in uneven pieces that cut words and JSON keys mid-way.
// These fixed, cycling sizes reproduce that deterministically, so tests are stable.
const TEXT_SIZES = [5, 11, 3, 17, 8];
const JSON_SIZES = [2, 7, 4, 9, 3];

/** Splits by code point (never inside a surrogate pair), cycling through `sizes`. */
export function splitFragments(value: string, sizes: readonly number[]): string[] {
  const chars = Array.from(value);
  const fragments: string[] = [];
  let start = 0;
  for (let i = 0; start < chars.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    fragments.push(chars.slice(start, start + size).join(''));
    start += size;
  }
  return fragments;
}

export const splitText = (value: string): string[] => splitFragments(value, TEXT_SIZES);
export const splitJson = (value: string): string[] => splitFragments(value, JSON_SIZES);

/** The first half of a JSON text, by code point: what a provider had sent when it hit max tokens. */
export function truncateJson(value: string): string {
  const chars = Array.from(value);
  return chars.slice(0, Math.max(1, Math.floor(chars.length / 2))).join('');
}
