import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../cli-error';
import { configPath, readConfig, requireLogin, writeConfig } from './config-file';

const temp = () => mkdtempSync(join(tmpdir(), 'switchyard-cli-config-'));
const login = { url: 'http://localhost:3000', apiKey: 'sy_test_key' };

describe('the login file', () => {
  it('lives in ~/.config/switchyard, in $XDG_CONFIG_HOME when set, or at $SWITCHYARD_CONFIG', () => {
    expect(configPath({ HOME: '/home/ada' })).toBe('/home/ada/.config/switchyard/config.json');
    expect(configPath({ HOME: '/home/ada', XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/switchyard/config.json');
    expect(
      configPath({ HOME: '/home/ada', XDG_CONFIG_HOME: '/xdg', SWITCHYARD_CONFIG: '/etc/sy.json' }),
    ).toBe('/etc/sy.json');
  });

  it('is written readable by its owner only (0600), even over a file that was not', async () => {
    const env = { XDG_CONFIG_HOME: temp() };
    const path = configPath(env);
    await writeConfig(env, login);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);

    writeFileSync(path, '{}', { mode: 0o644 });
    await writeConfig(env, login);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await readConfig(env)).toEqual(login);
  });

  it('is no login when absent: exit 3 saying how to log in', async () => {
    const env = { XDG_CONFIG_HOME: temp() };
    expect(await readConfig(env)).toBeNull();
    await expect(requireLogin(env)).rejects.toMatchObject({
      exitCode: ExitCode.auth,
      hint: expect.stringContaining('switchyard login --url URL --api-key KEY'),
    });
  });

  it('says to log in again when the file is damaged', async () => {
    const env = { SWITCHYARD_CONFIG: join(temp(), 'config.json') };
    writeFileSync(env.SWITCHYARD_CONFIG, 'not json');
    await expect(readConfig(env)).rejects.toThrow('is not valid JSON');
    writeFileSync(env.SWITCHYARD_CONFIG, JSON.stringify({ url: 'ftp://x', apiKey: 'k' }));
    await expect(readConfig(env)).rejects.toThrow('must be an http:// or https:// URL');
  });

  it('gives way to SWITCHYARD_URL + SWITCHYARD_API_KEY (CI), whose URL loses its trailing slash', async () => {
    const env = {
      XDG_CONFIG_HOME: temp(),
      SWITCHYARD_URL: 'https://sy.example/',
      SWITCHYARD_API_KEY: 'sy_ci',
    };
    expect(await requireLogin(env)).toEqual({ url: 'https://sy.example', apiKey: 'sy_ci' });
  });
});
