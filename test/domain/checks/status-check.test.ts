import { describe, expect, it } from 'vitest';
import { checkStatus, parseStatusEntry, type StatusEntryLookup } from '../../../src/domain/checks/status-check.js';

/** The status check's branches (https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm), one test each. */
const ISSUER = 'did:web:hub.example:spokes:kh-ntti';
const entry = (over: Record<string, unknown> = {}) => ({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation',
  statusListIndex: '42', statusListCredential: 'https://hub.example/status-lists/kh-ntti-1-revocation', ...over });
const lookup = (purpose: string, l: StatusEntryLookup['lookup']): StatusEntryLookup => ({ purpose, listUrl: `https://hub.example/status-lists/${purpose}`, index: 42, lookup: l });
const found = (set: boolean, listIssuer = ISSUER) => ({ found: true as const, set, listIssuer, version: '1' });

describe('parseStatusEntry', () => {
  it('reads a Bitstring Status List entry', () => {
    expect(parseStatusEntry(entry())).toEqual({ purpose: 'revocation', listUrl: 'https://hub.example/status-lists/kh-ntti-1-revocation', index: 42 });
  });
  it('reads only the decimal string form of statusListIndex', () => {
    for (const index of [42, '', ' 42', '42 ', '+42', '0x2a', '4.2e1', '-1', '042', '99999999999']) expect(parseStatusEntry(entry({ statusListIndex: index })), String(index)).toBeUndefined();
    expect(parseStatusEntry(entry({ statusListIndex: '0' }))?.index).toBe(0);
  });
  it('does not read another entry type, a missing list or purpose, or a value that is not an object', () => {
    expect(parseStatusEntry(entry({ type: 'StatusList2021Entry' }))).toBeUndefined();
    expect(parseStatusEntry(entry({ statusListCredential: undefined }))).toBeUndefined();
    expect(parseStatusEntry(entry({ statusPurpose: ['revocation', 'suspension'] }))).toBeUndefined();
    expect(parseStatusEntry('https://hub.example/status#42')).toBeUndefined();
    expect(parseStatusEntry(null)).toBeUndefined();
  });
});

describe('checkStatus', () => {
  it('is skipped when the certificate carries no entry', () => {
    expect(checkStatus(ISSUER, 0, [])).toMatchObject({ outcome: 'skipped' });
  });
  it('fails when an entry could not be read (fewer lookups than entries)', () => {
    expect(checkStatus(ISSUER, 2, [lookup('revocation', found(false))])).toMatchObject({ outcome: 'invalid', code: 'unsupported-status-entry' });
  });
  it('fails when a list belongs to another issuer, even with its bit clear', () => {
    expect(checkStatus(ISSUER, 1, [lookup('revocation', found(false, 'did:web:hub.example:spokes:th-bkk-itc'))])).toMatchObject({ outcome: 'invalid', code: 'status-list-issuer-mismatch' });
  });
  it('revoked beats suspended; suspended beats an unreadable list; an unreadable list is indeterminate', () => {
    expect(checkStatus(ISSUER, 2, [lookup('suspension', found(true)), lookup('revocation', found(true))])).toMatchObject({ code: 'revoked' });
    expect(checkStatus(ISSUER, 2, [lookup('revocation', { found: false, message: 'offline' }), lookup('suspension', found(true))])).toMatchObject({ code: 'suspended' });
    expect(checkStatus(ISSUER, 1, [lookup('revocation', { found: false, message: 'offline' })])).toMatchObject({ outcome: 'indeterminate', code: 'status-unavailable' });
  });
  it('passes when every list is readable, the issuer\'s, and no bit is set', () => {
    expect(checkStatus(ISSUER, 2, [lookup('revocation', found(false)), lookup('suspension', found(false))])).toMatchObject({ outcome: 'valid' });
  });
});
