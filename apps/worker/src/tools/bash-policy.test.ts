import { describe, expect, it } from 'vitest';
import { checkBashCommand } from './bash-policy';

const options = { worktree: '/work/tree', home: '/root' };
const check = (command: string) => checkBashCommand(command, options);

describe('the Bash command policy', () => {
  it.each([
    ['rm -rf /', /outside the task's worktree/],
    ['rm -rf /*', /outside/],
    ['rm -rf ~', /outside/],
    ['rm -fr $HOME/', /outside/],
    ['cd src && rm -r -f "/"', /outside/],
    ['rm -rf --no-preserve-root .', /no-preserve-root/],
    ['git push origin main', /git push is not allowed/],
    ['git -C . push', /git push/],
    ['npm test; git push --force', /git push/],
    ['echo "$(git push)"', /git push/],
    ['bash -c "git push"', /git push/],
    ['git config user.email evil@example.com', /identity/],
    ['git config --global core.editor vim', /--global/],
    ['git -c user.name=x commit -m m', /identity/],
    ['GIT_AUTHOR_NAME=x git commit -m m', /identity/],
    ['git remote add origin https://example.com/r.git', /remotes/],
    ['git remote set-url origin x', /remotes/],
    ['sudo apt-get install x', /sudo is not allowed/],
    ['echo hi | sudo tee /etc/x', /sudo/],
    ['echo data > /etc/passwd', /redirection to \/etc\/passwd/],
    ['echo data >> ~/.bashrc', /redirection/],
    ['echo data 2>../outside.log', /redirection/],
    ['cp build.sh /usr/local/bin/', /outside/],
    ['tee /tmp/out.txt < in', /outside/],
  ])('refuses %s', (command, reason) => {
    expect(check(command)).toMatch(reason);
  });

  it.each([
    'git status && git diff --stat',
    'git remote -v',
    'git config core.autocrlf',
    'echo hi > out.txt 2>&1',
    'pnpm test > /dev/null 2>&1 || echo failed >&2',
    'rm -rf dist node_modules/.cache',
    "cat > notes.md <<'EOF'\nNever run sudo or git push here.\nEOF\necho done",
    'echo "sudo is a word" # and git push in a comment',
    'cp /etc/hosts ./hosts.copy',
  ])('allows %s', (command) => {
    expect(check(command)).toBeNull();
  });

  it('with an allow list, runs only commands whose every part matches a pattern', () => {
    const allow = [/^git (status|diff)\b/, /^pnpm test$/];
    const withAllow = (command: string) => checkBashCommand(command, { ...options, allow });
    expect(withAllow('git status')).toBeNull();
    expect(withAllow('pnpm test && git diff')).toBeNull();
    expect(withAllow('pnpm test && curl https://example.com')).toMatch(
      /"curl https:\/\/example.com" is not on this project's allow list/,
    );
    expect(withAllow('ls')).toMatch(/allow list/);
  });

  it('with an allow list, checks the commands inside substitutions, subshells and here-documents too', () => {
    const allow = [/^git (status|diff).*/, /^cat.*/, /^echo.*/, /^git merge-base.*/];
    const withAllow = (command: string) => checkBashCommand(command, { ...options, allow });
    const refusal = (inner: string) => new RegExp(`^"${inner}" is not on this project's allow list`);
    expect(withAllow('git status <(id)')).toMatch(refusal('id'));
    expect(withAllow('git diff >(id)')).toMatch(refusal('id'));
    expect(withAllow('git diff --output=>(id)')).toMatch(refusal('id'));
    expect(withAllow('git status $(id)')).toMatch(refusal('id'));
    expect(withAllow('git status `id`')).toMatch(refusal('id'));
    expect(withAllow('git status "$(id)"')).toMatch(refusal('id'));
    expect(withAllow('git status "x`id`y"')).toMatch(refusal('id'));
    expect(withAllow('git status $(echo $(id))')).toMatch(refusal('id'));
    expect(withAllow('git status; (id)')).toMatch(refusal('id'));
    expect(withAllow('cat <<EOF\n$(id)\nEOF')).toMatch(refusal('id'));
    expect(withAllow('cat <<EOF\n`id`\nEOF')).toMatch(refusal('id'));
    // After a substitution inside double quotes, the quote is still open: what follows it is one word.
    expect(withAllow('git status "$(git status)git status"; id')).toMatch(refusal('id'));
    // $'…' quoting: \' does not end it, so the ; after it separates commands.
    expect(withAllow("git status $'\\'' ; id")).toMatch(refusal('id'));
    // What does not run is not checked: quoted here-documents, single quotes, escapes.
    expect(withAllow("cat <<'EOF'\n$(id)\nEOF")).toBeNull();
    expect(withAllow("echo '$(id)' \\`id\\`")).toBeNull();
    expect(withAllow('git diff $(git merge-base HEAD main) -- "$(git status --short)"')).toBeNull();
  });

  it('sees the commands of a process substitution without an allow list too', () => {
    expect(check('cat <(sudo cat /etc/shadow)')).toMatch(/sudo is not allowed/);
    expect(check('echo x > >(git push)')).toMatch(/git push/);
    expect(check('diff <(git show HEAD:a) <(cat b) > out.txt')).toBeNull();
  });

  it('refuses a command nested too deep to read', () => {
    expect(check(`${'$('.repeat(100)}id${')'.repeat(100)}`)).toMatch(/more than 64 deep/);
  });

  it('in the sandbox, lets commands write to its private /tmp and HOME, and nowhere else outside', () => {
    const sandboxed = (command: string) =>
      checkBashCommand(command, {
        worktree: '/work/tree',
        home: '/home/agent',
        scratch: ['/tmp', '/home/agent'],
      });
    expect(sandboxed('tee /tmp/out.txt < in')).toBeNull();
    expect(sandboxed('echo x > ~/.cache-probe && mkdir -p $HOME/.npm')).toBeNull();
    expect(sandboxed('echo data > /etc/passwd')).toMatch(/redirection to \/etc\/passwd/);
    expect(sandboxed('cp a /tmpx/b')).toMatch(/outside/);
    expect(sandboxed('touch /tmp/../etc/x')).toMatch(/outside/);
  });
});
