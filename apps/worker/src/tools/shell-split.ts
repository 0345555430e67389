// A best-effort reading of a bash command line for the command policy: enough to find each simple
// command's words and its output redirections, honouring quotes and here-documents, and to find
// every command that runs inside another: `$(…)`, backticks, `<(…)` and `>(…)` (also inside double
// quotes and unquoted here-documents), and `( … )` subshells. Those inner commands come out as
// simple commands of their own, so the allow list checks them too. It is not a shell parser (no
// expansions, no functions); the policy is a guard rail, not a sandbox.

export interface SimpleCommand {
  /** The command's words with quotes removed, redirections left out. */
  words: string[];
  /** Targets of output redirections (`> file`, `2>> file`, `&> file`). */
  outputs: string[];
  /** The command's own text, for the allow list (a substitution in it is kept as written). */
  raw: string;
}

/** A command line nested too deep to read; the policy refuses it. */
export class ShellSplitError extends Error {}

const MAX_NESTING = 64;
const SEPARATORS = new Set([';', '&', '|', '\n', ')']);

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
  /** An unquoted delimiter: the body's `$(…)` and backticks run. */
  expands: boolean;
}

/** Every simple command of `command`, inner ones (substitutions, subshells) before the one they are in. */
export function splitCommands(command: string): SimpleCommand[] {
  const scanner = new Scanner(command);
  scanner.list(null);
  return scanner.commands;
}

class Scanner {
  readonly commands: SimpleCommand[] = [];
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  /** Reads commands up to `closer` (consumed: `)` ends `$(`, `<(`, `>(` and `(`, a backtick ends one) or the end. */
  list(closer: ')' | '`' | null): void {
    if (++this.depth > MAX_NESTING)
      throw new ShellSplitError(`the command nests substitutions or subshells more than ${MAX_NESTING} deep`);
    const text = this.text;
    let current: SimpleCommand = { words: [], outputs: [], raw: '' };
    let word: string | null = null;
    let quoted = false;
    let target: 'output' | 'input' | 'heredoc' | null = null;
    const heredocs: Heredoc[] = [];
    let stripTabsNext = false;

    const add = (value: string, raw: string) => {
      word = (word ?? '') + value;
      current.raw += raw;
    };
    const endWord = () => {
      if (word === null) return;
      if (target === 'output') current.outputs.push(word);
      else if (target === 'heredoc')
        heredocs.push({ delimiter: word, stripTabs: stripTabsNext, expands: !quoted });
      else if (target !== 'input') current.words.push(word);
      target = null;
      word = null;
      quoted = false;
    };
    const endCommand = () => {
      endWord();
      target = null;
      current.raw = current.raw.trim();
      if (current.words.length > 0 || current.outputs.length > 0) this.commands.push(current);
      current = { words: [], outputs: [], raw: '' };
    };

    while (this.i < text.length) {
      const c = text[this.i]!;
      const next = text[this.i + 1];
      if (c === closer) {
        this.i++;
        break;
      }
      if (c === '\\' && next !== undefined) {
        if (next !== '\n') add(next, c + next);
        quoted = true;
        this.i += 2;
        continue;
      }
      if (c === "'" || (c === '$' && next === "'") || c === '"') {
        const start = this.i;
        const value =
          c === "'" ? this.singleQuoted() : c === '$' ? this.ansiQuoted() : this.doubleQuoted(closer);
        add(value, text.slice(start, this.i));
        quoted = true;
        continue;
      }
      if (c === '\n') endWord(); // a here-document's delimiter may end the line
      if (c === '\n' && heredocs.length > 0) {
        endCommand();
        this.i++;
        this.heredocBodies(heredocs.splice(0));
        continue;
      }
      // Command and process substitution: the inner commands are read as commands of their own.
      if (next === '(' && (c === '$' || c === '<' || c === '>')) {
        const sub = this.substitution(2, ')');
        add(sub, sub);
        continue;
      }
      if (c === '`') {
        const sub = this.substitution(1, '`');
        add(sub, sub);
        continue;
      }
      if (c === '(') {
        // A subshell (or `f()`, `((…))`): its commands are checked like any other.
        endCommand();
        this.substitution(1, ')');
        continue;
      }
      if (c === '>' || (c === '&' && next === '>') || c === '<') {
        if (word !== null && /^\d+$/.test(word)) word = null; // an fd number: 2>
        endWord();
        let j = c === '&' ? this.i + 2 : this.i + 1;
        if (c === '<') {
          if (text[j] === '<' && text[j + 1] !== '<') {
            j++;
            stripTabsNext = text[j] === '-';
            if (stripTabsNext) j++;
            target = 'heredoc';
          } else {
            if (text[j] === '<') j += 2; // here-string <<<
            target = 'input';
          }
        } else {
          if (text[j] === '>' || text[j] === '|') j++;
          if (text[j] === '&') {
            // >&2 duplicates a descriptor: no file is written.
            j++;
            while (j < text.length && /[\d-]/.test(text[j]!)) j++;
          } else target = 'output';
        }
        current.raw += text.slice(this.i, j);
        this.i = j;
        continue;
      }
      if (SEPARATORS.has(c)) {
        endCommand();
        this.i++;
        continue;
      }
      if (/\s/.test(c)) {
        endWord();
        current.raw += c;
        this.i++;
        continue;
      }
      if (c === '#' && word === null) {
        while (this.i < text.length && text[this.i] !== '\n') this.i++;
        continue;
      }
      add(c, c);
      this.i++;
    }
    endCommand();
    this.depth--;
  }

  /** Reads an inner command list from its opener (`open` characters) to its closer; returns its text. */
  private substitution(open: number, closer: ')' | '`'): string {
    const start = this.i;
    this.i += open;
    this.list(closer);
    return this.text.slice(start, this.i);
  }

  private singleQuoted(): string {
    const end = this.text.indexOf("'", this.i + 1);
    const stop = end < 0 ? this.text.length : end;
    const value = this.text.slice(this.i + 1, stop);
    this.i = stop + 1;
    return value;
  }

  /** `$'…'`: a backslash escapes the next character, `\'` included. */
  private ansiQuoted(): string {
    let value = '';
    this.i += 2;
    while (this.i < this.text.length && this.text[this.i] !== "'") {
      if (this.text[this.i] === '\\') value += this.text.slice(this.i, this.i + 2);
      else value += this.text[this.i];
      this.i += this.text[this.i] === '\\' ? 2 : 1;
    }
    this.i++;
    return value;
  }

  /** `"…"`: command substitution still runs inside; a backtick that closes the enclosing one ends it. */
  private doubleQuoted(closer: ')' | '`' | null): string {
    let value = '';
    this.i++;
    while (this.i < this.text.length) {
      const c = this.text[this.i]!;
      const next = this.text[this.i + 1];
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === '\\' && next !== undefined) {
        if (next !== '\n') value += next;
        this.i += 2;
      } else if (c === '$' && next === '(') value += this.substitution(2, ')');
      else if (c === '`') {
        if (closer === '`') break;
        value += this.substitution(1, '`');
      } else {
        value += c;
        this.i++;
      }
    }
    return value;
  }

  /** Skips here-document bodies; in one with an unquoted delimiter, reads its substitutions. */
  private heredocBodies(heredocs: Heredoc[]): void {
    const text = this.text;
    for (const { delimiter, stripTabs, expands } of heredocs) {
      while (this.i < text.length) {
        const end = text.indexOf('\n', this.i);
        const lineEnd = end < 0 ? text.length : end;
        const line = text.slice(this.i, lineEnd);
        if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) {
          this.i = lineEnd + 1;
          break;
        }
        if (!expands) {
          this.i = lineEnd + 1;
          continue;
        }
        while (this.i < lineEnd) {
          const c = text[this.i]!;
          if (c === '\\') this.i += 2;
          else if (c === '$' && text[this.i + 1] === '(') this.substitution(2, ')');
          else if (c === '`') this.substitution(1, '`');
          else this.i++;
        }
        if (this.i === lineEnd) this.i++;
      }
    }
  }
}
