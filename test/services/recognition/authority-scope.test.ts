import { describe, expect, it } from 'vitest';
import {
  assertActsFor,
  assertMayReplace,
  describeRequester,
  requesterFor,
} from '../../../src/services/recognition/authority-scope.js';
import { isSkillPassError } from '../../../src/domain/errors.js';
import { ADMIN, KH_ISSUER, authorityOf } from '../../helpers/service-calls.js';

/** Who may act for which destination country (src/services/recognition/authority-scope.ts). */
const codeOf = (act: () => void): string | undefined => {
  try {
    act();
    return undefined;
  } catch (err) {
    return isSkillPassError(err) ? err.code : `not a SkillPassError: ${String(err)}`;
  }
};

describe('authority scope', () => {
  it('the hub is an admin token; an authority is an authority token with a country; nobody else', () => {
    expect(requesterFor(ADMIN)).toEqual({ kind: 'hub', tokenId: ADMIN.tokenId });
    expect(requesterFor(authorityOf('TH'))).toEqual({
      kind: 'authority',
      country: 'TH',
      tokenId: 'test:authority-TH',
    });
    expect(codeOf(() => requesterFor(KH_ISSUER))).toBe('forbidden');
    expect(codeOf(() => requesterFor({ ...authorityOf('TH'), country: null }))).toBe('forbidden');
    expect(codeOf(() => requesterFor({ ...authorityOf('TH'), country: undefined }))).toBe('forbidden');
    expect(describeRequester(requesterFor(ADMIN))).toBe('hub');
    expect(describeRequester(requesterFor(authorityOf('TH')))).toBe('authority TH');
  });

  it('an authority acts only with exactly its own country as the destination; the hub for any', () => {
    const hub = requesterFor(ADMIN);
    const th = requesterFor(authorityOf('TH'));
    for (const destinations of [['TH'], ['SG'], ['ASEAN'], ['TH', 'SG'], []])
      expect(codeOf(() => assertActsFor(hub, destinations, 'record agreements'))).toBeUndefined();
    expect(codeOf(() => assertActsFor(th, ['TH'], 'record agreements'))).toBeUndefined();
    for (const destinations of [['SG'], ['TH', 'SG'], ['ASEAN'], [], ['th']])
      expect(
        codeOf(() => assertActsFor(th, destinations, 'record agreements')),
        destinations.join(),
      ).toBe('forbidden');
  });

  it('an authority replaces only an agreement in use for exactly its own country', () => {
    const th = requesterFor(authorityOf('TH'));
    expect(codeOf(() => assertMayReplace(th, 'a', ['TH']))).toBeUndefined();
    expect(codeOf(() => assertMayReplace(requesterFor(ADMIN), 'a', ['SG', 'TH']))).toBeUndefined();
    for (const current of [['SG'], ['TH', 'SG'], ['ASEAN'], []])
      expect(
        codeOf(() => assertMayReplace(th, 'a', current)),
        current.join(),
      ).toBe('forbidden');
  });
});
