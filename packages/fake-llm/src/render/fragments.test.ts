import { describe, expect, it } from 'vitest';
import { splitFragments, splitJson, truncateJson } from './fragments';

describe('fragments', () => {
  it('splits by code point so emoji are never cut in half, and joins back to the input', () => {
    const text = 'a😊b😊c😊d';
    const parts = splitFragments(text, [2]);
    expect(parts).toEqual(['a😊', 'b😊', 'c😊', 'd']);
    expect(parts.join('')).toBe(text);
  });

  it('cuts JSON mid-key in several fragments, deterministically', () => {
    const json = JSON.stringify({ location: 'Florence, Italy' });
    const parts = splitJson(json);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.join('')).toBe(json);
    expect(splitJson(json)).toEqual(parts);
  });

  it('truncates JSON to an unparseable prefix', () => {
    const json = JSON.stringify({ location: 'Lisbon' });
    const cut = truncateJson(json);
    expect(json.startsWith(cut)).toBe(true);
    expect(() => JSON.parse(cut)).toThrow();
  });
});
