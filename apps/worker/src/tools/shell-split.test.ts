import { describe, expect, it } from 'vitest';
import { splitCommands } from './shell-split';

const raws = (command: string) => splitCommands(command).map((c) => c.raw);

describe('splitCommands', () => {
  it('splits lists and pipelines, keeping redirection targets apart from words', () => {
    expect(splitCommands('npm test > out.txt 2>&1 && echo "a b" | tee log')).toEqual([
      { words: ['npm', 'test'], outputs: ['out.txt'], raw: 'npm test > out.txt 2>&1' },
      { words: ['echo', 'a b'], outputs: [], raw: 'echo "a b"' },
      { words: ['tee', 'log'], outputs: [], raw: 'tee log' },
    ]);
  });

  it('returns the commands inside substitutions, before the command they are in', () => {
    expect(raws('git status <(id) >(whoami)')).toEqual(['id', 'whoami', 'git status <(id) >(whoami)']);
    expect(raws('echo $(date) `hostname` "$(uname -a)"')).toEqual([
      'date',
      'hostname',
      'uname -a',
      'echo $(date) `hostname` "$(uname -a)"',
    ]);
    expect(raws('echo "$(a "$(b)")"')).toEqual(['b', 'a "$(b)"', 'echo "$(a "$(b)")"']);
    expect(raws('(cd src && make) || x')).toEqual(['cd src', 'make', 'x']);
  });

  it('keeps a double quote open across a substitution inside it', () => {
    expect(raws('echo "$(a)b; c"; d')).toEqual(['a', 'echo "$(a)b; c"', 'd']);
    expect(raws('echo "`a`b; c"; d')).toEqual(['a', 'echo "`a`b; c"', 'd']);
  });

  it("reads $'…' with its escapes, and '…' without any", () => {
    expect(raws("echo $'it\\'s; x' ; y")).toEqual(["echo $'it\\'s; x'", 'y']);
    expect(raws("echo 'a\\' ; y")).toEqual(["echo 'a\\'", 'y']);
  });

  it('reads the substitutions of a here-document with an unquoted delimiter only', () => {
    expect(raws('cat <<EOF\nhello $(id) `who`\nEOF\necho done')).toEqual([
      'cat <<EOF',
      'id',
      'who',
      'echo done',
    ]);
    expect(raws("cat <<'EOF'\n$(id)\nEOF\necho done")).toEqual(["cat <<'EOF'", 'echo done']);
    expect(raws('cat <<\\EOF\n$(id)\nEOF')).toEqual(['cat <<\\EOF']);
  });

  it('does not carry a dangling redirection into the next command', () => {
    expect(splitCommands('cat <(x) y')).toEqual([
      { words: ['x'], outputs: [], raw: 'x' },
      { words: ['cat', '<(x)', 'y'], outputs: [], raw: 'cat <(x) y' },
    ]);
  });
});
