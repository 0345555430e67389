import { describe, expect, it } from 'vitest';
import { parseProfileJson } from './profile-file';

describe('profile files', () => {
  it('accept what profiles get --json prints: the fields only the server sets are dropped', () => {
    const phase = { provider: 'zai', model: 'glm-4.7', thinking: 'none', fallbacks: [] };
    const printed = {
      id: '0b7f3c1e-8a7e-4b57-9a51-7a0d8f2b9c11',
      name: 'GLM everywhere',
      description: '',
      builtin: false,
      phases: { spec: phase, planning: phase, coding: phase, qa: phase },
      phasesError: null,
      defaultProvider: null,
      createdById: 'u',
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-02T03:04:05.000Z',
    };
    expect(parseProfileJson(JSON.stringify(printed), 'p.json')).toEqual({
      name: 'GLM everywhere',
      description: '',
      phases: printed.phases,
      defaultProvider: null,
    });
  });

  it('refuse what is not a JSON object, naming the file', () => {
    expect(() => parseProfileJson('{"name": ', 'p.json')).toThrow(/^p\.json is not JSON: /);
    expect(() => parseProfileJson('[1]', 'p.json')).toThrow('p.json is not a JSON object');
  });
});
