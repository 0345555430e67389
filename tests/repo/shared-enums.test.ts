import { ErrorClass, Phase, Protocol, protocolFromDb, protocolToDb } from '@switchyard/db';
import { ERROR_CLASSES, PHASES, PROTOCOLS } from '@switchyard/providers';
import { describe, expect, it } from 'vitest';

// One source of truth per fact (STYLE.md): the database enums must hold exactly the values
// packages/providers defines, or a routing decision could not be stored.
describe('database enums match the providers package', () => {
  it('has the same phases, in pipeline order', () => {
    expect(Object.values(Phase)).toEqual([...PHASES]);
  });

  it('has the same error classes', () => {
    expect(Object.values(ErrorClass).sort()).toEqual([...ERROR_CLASSES].sort());
  });

  it('converts every wire protocol to its database value and back', () => {
    expect(Object.values(Protocol).map(protocolFromDb).sort()).toEqual([...PROTOCOLS].sort());
    for (const protocol of PROTOCOLS) expect(protocolFromDb(protocolToDb(protocol))).toBe(protocol);
  });
});
