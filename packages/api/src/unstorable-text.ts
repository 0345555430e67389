/** A character PostgreSQL cannot hold: U+0000, or half of a UTF-16 surrogate pair (not Unicode text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what this looks for
const UNSTORABLE = /[\u0000\p{Cs}]/u;

export interface UnstorableText {
  /** Where it is: the keys and indexes down to the string (or to the key that holds it). */
  path: (string | number)[];
  /** What it is, for a message: "the NUL character (U+0000)", "an unpaired surrogate (U+D800)". */
  character: string;
}

/**
 * The first string (or object key) in `input` holding a character PostgreSQL cannot store, or null.
 * U+0000 fails every text and jsonb column and comparison (error 22021); a lone surrogate is refused by
 * jsonb ("invalid input syntax for type json") and silently replaced by U+FFFD in text columns. Plain
 * objects and arrays only (what JSON and superjson produce); iterative with parent links, so a deeply
 * nested input costs O(size).
 */
export function findUnstorableText(input: unknown): UnstorableText | null {
  interface Node {
    value: unknown;
    key: string | number | null;
    parent: Node | null;
  }
  const found = (node: Node, text: string, key?: string): UnstorableText | null => {
    const match = UNSTORABLE.exec(text);
    if (!match) return null;
    const path: (string | number)[] = key === undefined ? [] : [key];
    for (let n: Node | null = node; n && n.key !== null; n = n.parent) path.unshift(n.key);
    const code = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      path,
      character: code === 'U+0000' ? 'the NUL character (U+0000)' : `an unpaired surrogate (${code})`,
    };
  };
  const stack: Node[] = [{ value: input, key: null, parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      const problem = found(node, value);
      if (problem) return problem;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push({ value: value[i], key: i, parent: node });
    } else if (value !== null && typeof value === 'object') {
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) continue;
      const keys = Object.keys(value);
      for (const key of keys) {
        const problem = found(node, key, key);
        if (problem) return problem;
      }
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        const key = keys[i]!;
        stack.push({ value: (value as Record<string, unknown>)[key], key, parent: node });
      }
    }
  }
  return null;
}
