import { describe, expect, it } from 'vitest';
import {
  checkStatus,
  parseStatusEntry,
  type BitLookup,
  type StatusEntryLookup,
} from '../../../src/domain/checks/status-check.js';
import { companionOf, credentialStatusFor } from '../../../src/domain/status-list-credential.js';

/** The status check's branches (https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm), one test each. */
const ISSUER = 'did:web:hub.example:spokes:kh-ntti';
const LIST = 'https://hub.example/status-lists/kh-ntti-1-revocation';
const COMPANION = 'https://hub.example/status-lists/kh-ntti-1-suspension';
const entry = (over: Record<string, unknown> = {}) => ({
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: '42',
  statusListCredential: LIST,
  ...over,
});
const lookup = (purpose: string, l: StatusEntryLookup['lookup']): StatusEntryLookup => ({
  purpose,
  listUrl: `https://hub.example/status-lists/${purpose}`,
  index: 42,
  lookup: l,
});
const found = (set: boolean, listIssuer = ISSUER) => ({
  found: true as const,
  set,
  listIssuer,
  version: '1',
});
const unreadable: BitLookup = { found: false, message: 'not saved' };
/** a revocation entry of this hub's, read with its companion suspension bit */
const withCompanion = (revoked: boolean, suspension: BitLookup): StatusEntryLookup => ({
  purpose: 'revocation',
  listUrl: LIST,
  index: 42,
  lookup: { ...found(revoked), suspension: { listUrl: COMPANION, ...suspension } },
});

describe('parseStatusEntry', () => {
  it('reads a Bitstring Status List entry', () => {
    expect(parseStatusEntry(entry())).toEqual({ purpose: 'revocation', listUrl: LIST, index: 42 });
  });
  it('reads only the decimal string form of statusListIndex', () => {
    for (const index of [42, '', ' 42', '42 ', '+42', '0x2a', '4.2e1', '-1', '042', '99999999999'])
      expect(parseStatusEntry(entry({ statusListIndex: index })), String(index)).toBeUndefined();
    expect(parseStatusEntry(entry({ statusListIndex: '0' }))?.index).toBe(0);
  });
  it('reads one-bit entries only: statusSize absent or 1; any other (2, "1", 0) is not read', () => {
    expect(parseStatusEntry(entry({ statusSize: 1 }))).toEqual({
      purpose: 'revocation',
      listUrl: LIST,
      index: 42,
    });
    for (const statusSize of [2, 8, 0, '1', 1.5, null])
      expect(parseStatusEntry(entry({ statusSize })), String(statusSize)).toBeUndefined();
  });
  it('does not read another entry type, a missing list or purpose, or a value that is not an object', () => {
    expect(parseStatusEntry(entry({ type: 'StatusList2021Entry' }))).toBeUndefined();
    expect(parseStatusEntry(entry({ statusListCredential: undefined }))).toBeUndefined();
    expect(parseStatusEntry(entry({ statusPurpose: ['revocation', 'suspension'] }))).toBeUndefined();
    expect(parseStatusEntry('https://hub.example/status#42')).toBeUndefined();
    expect(parseStatusEntry(null)).toBeUndefined();
  });
});

describe('the one entry a certificate carries, and its companion', () => {
  it('is the revocation entry of its index (statusSize 1, no statusSize member), naming the revocation list', () => {
    expect(
      credentialStatusFor(
        'https://hub.example',
        { revocation: 'kh-ntti-1-revocation', suspension: 'kh-ntti-1-suspension' },
        42,
      ),
    ).toEqual({
      id: `${LIST}#42`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '42',
      statusListCredential: LIST,
    });
  });
  it('the companion is named by the convention -revocation -> -suspension; no other name has one', () => {
    expect(companionOf(LIST)).toBe(COMPANION);
    expect(companionOf('kh-ntti-12-revocation')).toBe('kh-ntti-12-suspension');
    for (const other of [
      COMPANION,
      'https://hub.example/status-lists/kh-ntti-1-status',
      'https://x.example/revocation-list',
    ])
      expect(companionOf(other), other).toBeUndefined();
  });
});

describe('checkStatus', () => {
  it('is skipped when the certificate carries no entry', () => {
    expect(checkStatus(ISSUER, 0, [])).toMatchObject({ outcome: 'skipped' });
  });
  it('fails when an entry could not be read (fewer lookups than entries)', () => {
    expect(checkStatus(ISSUER, 2, [lookup('revocation', found(false))])).toMatchObject({
      outcome: 'invalid',
      code: 'unsupported-status-entry',
    });
  });
  it('fails when a list belongs to another issuer, even with its bit clear', () => {
    expect(
      checkStatus(ISSUER, 1, [lookup('revocation', found(false, 'did:web:hub.example:spokes:th-bkk-itc'))]),
    ).toMatchObject({ outcome: 'invalid', code: 'status-list-issuer-mismatch' });
  });
  it('revoked beats suspended; suspended beats an unreadable list; an unreadable list is indeterminate', () => {
    expect(
      checkStatus(ISSUER, 2, [lookup('suspension', found(true)), lookup('revocation', found(true))]),
    ).toMatchObject({ code: 'revoked' });
    expect(
      checkStatus(ISSUER, 2, [
        lookup('revocation', { found: false, message: 'offline' }),
        lookup('suspension', found(true)),
      ]),
    ).toMatchObject({ code: 'suspended' });
    expect(
      checkStatus(ISSUER, 1, [lookup('revocation', { found: false, message: 'offline' })]),
    ).toMatchObject({ outcome: 'indeterminate', code: 'status-unavailable' });
  });
  it('another purpose says nothing about validity, but its list must still be read', () => {
    expect(checkStatus(ISSUER, 1, [lookup('refresh', found(true))])).toMatchObject({ outcome: 'valid' });
    expect(checkStatus(ISSUER, 1, [lookup('message', unreadable)])).toMatchObject({
      outcome: 'indeterminate',
      code: 'status-unavailable',
    });
  });
  it("passes when every list is readable, the issuer's, and no bit is set", () => {
    expect(
      checkStatus(ISSUER, 2, [lookup('revocation', found(false)), lookup('suspension', found(false))]),
    ).toMatchObject({ outcome: 'valid' });
  });

  describe('the companion suspension bit beside a revocation entry', () => {
    it('set: suspended; clear: valid, with both lists in the snapshot', () => {
      expect(checkStatus(ISSUER, 1, [withCompanion(false, found(true))])).toMatchObject({
        outcome: 'invalid',
        code: 'suspended',
      });
      expect(checkStatus(ISSUER, 1, [withCompanion(false, found(false))])).toMatchObject({
        outcome: 'valid',
        details: {
          snapshot: [
            {
              list: LIST,
              purpose: 'revocation',
              version: '1',
              suspension: { list: COMPANION, version: '1' },
            },
          ],
        },
      });
    });
    it('revoked is definitive: revoked whether the companion is set, clear or unreadable', () => {
      for (const companion of [found(true), found(false), unreadable]) {
        expect(checkStatus(ISSUER, 1, [withCompanion(true, companion)])).toMatchObject({
          outcome: 'invalid',
          code: 'revoked',
        });
      }
    });
    it('unreadable while not revoked: indeterminate (status-unavailable), never valid, saying which list', () => {
      const r = checkStatus(ISSUER, 1, [withCompanion(false, unreadable)]);
      expect(r).toMatchObject({ outcome: 'indeterminate', code: 'status-unavailable' });
      expect(r.message).toContain('not saved');
    });
    it("the companion must be the issuer's too", () => {
      expect(
        checkStatus(ISSUER, 1, [withCompanion(false, found(false, 'did:web:hub.example:spokes:th-bkk-itc'))]),
      ).toMatchObject({ outcome: 'invalid', code: 'status-list-issuer-mismatch' });
    });
  });
});
