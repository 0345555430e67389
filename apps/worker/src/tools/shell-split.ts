// A best-effort reading of a bash command line for the command policy: enough to find each simple
// command's words and its output redirections, honouring quotes and here-documents. It is not a
// shell parser (no expansions, no functions); the policy is a guard rail, not a sandbox.

export interface SimpleCommand {
  /** The command's words with quotes removed, redirections left out. */
  words: string[];
  /** Targets of output redirections (`> file`, `2>> file`, `&> file`). */
  outputs: string[];
  /** The command's own text, for the allow list. */
  raw: string;
}

const SEPARATORS = new Set([';', '&', '|', '\n', '(', ')', '`']);

export function splitCommands(command: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let current: SimpleCommand = { words: [], outputs: [], raw: '' };
  let word: string | null = null;
  let target: 'output' | 'input' | 'heredoc' | null = null;
  const heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  let stripTabsNext = false;

  const endWord = () => {
    if (word === null) return;
    if (target === 'output') current.outputs.push(word);
    else if (target === 'heredoc') heredocs.push({ delimiter: word, stripTabs: stripTabsNext });
    else if (target !== 'input') current.words.push(word);
    target = null;
    word = null;
  };
  const endCommand = () => {
    endWord();
    current.raw = current.raw.trim();
    if (current.words.length > 0 || current.outputs.length > 0) commands.push(current);
    current = { words: [], outputs: [], raw: '' };
  };

  let i = 0;
  let quote: "'" | '"' | null = null;
  while (i < command.length) {
    const c = command[i]!;
    const next = command[i + 1];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
      current.raw += c;
      i++;
      continue;
    }
    if (c === '\\' && next !== undefined) {
      if (next !== '\n') word = (word ?? '') + next;
      current.raw += c + next;
      i += 2;
      continue;
    }
    if (quote === '"') {
      // Command substitution runs even inside double quotes: its text is a command of its own.
      if (c === '"') quote = null;
      else if (c === '`' || (c === '$' && next === '(')) {
        endCommand();
        quote = null;
      } else word += c;
      current.raw += c;
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word = word ?? '';
      current.raw += c;
      i++;
      continue;
    }
    if (c === '\n' && heredocs.length > 0) {
      endCommand();
      i = skipHeredocBodies(command, i + 1, heredocs.splice(0));
      continue;
    }
    if (c === '>' || (c === '&' && next === '>') || c === '<') {
      if (word !== null && /^\d+$/.test(word)) word = null; // an fd number: 2>
      endWord();
      let j = c === '&' ? i + 2 : i + 1;
      if (c === '<') {
        if (command[j] === '<' && command[j + 1] !== '<') {
          j++;
          stripTabsNext = command[j] === '-';
          if (stripTabsNext) j++;
          target = 'heredoc';
        } else {
          if (command[j] === '<') j += 2; // here-string <<<
          target = 'input';
        }
      } else {
        if (command[j] === '>' || command[j] === '|') j++;
        if (command[j] === '&') {
          // >&2 duplicates a descriptor: no file is written.
          j++;
          while (j < command.length && /[\d-]/.test(command[j]!)) j++;
        } else target = 'output';
      }
      current.raw += command.slice(i, j);
      i = j;
      continue;
    }
    if (c === '$' && next === '(') {
      endCommand();
      i += 2;
      continue;
    }
    if (SEPARATORS.has(c)) {
      endCommand();
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      endWord();
      current.raw += c;
      i++;
      continue;
    }
    if (c === '#' && word === null) {
      while (i < command.length && command[i] !== '\n') i++;
      continue;
    }
    word = (word ?? '') + c;
    current.raw += c;
    i++;
  }
  endCommand();
  return commands;
}

function skipHeredocBodies(
  command: string,
  start: number,
  heredocs: { delimiter: string; stripTabs: boolean }[],
): number {
  let i = start;
  for (const { delimiter, stripTabs } of heredocs) {
    while (i < command.length) {
      const end = command.indexOf('\n', i);
      const line = command.slice(i, end < 0 ? command.length : end);
      i = end < 0 ? command.length : end + 1;
      if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
    }
  }
  return i;
}
