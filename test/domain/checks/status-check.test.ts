import { describe, expect, it } from 'vitest';
import { checkStatus, parseStatusEntry, type StatusEntryLookup } from '../../../src/domain/checks/status-check.js';

/** The status check's branches (https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm), one test each. */
const ISSUER = 'did:web:hub.example:spokes:kh-ntti';
const entry = (over: Record<string, unknown> = {}) => ({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation',
  statusListIndex: '42', statusListCredential: 'https://hub.example/status-lists/kh-ntti-1-revocation', ...over });
const lookup = (purpose: string, l: StatusEntryLookup['lookup']): StatusEntryLookup => ({ purpose, listUrl: `https://hub.example/status-lists/${purpose}`, index: 42, statusSize: 1, lookup: l });
const found = (set: boolean | number, listIssuer = ISSUER) => ({ found: true as const, value: Number(set), listIssuer, version: '1' });
const MESSAGES = [{ status: '0x0', message: 'valid' }, { status: '0x1', message: 'suspended' }, { status: '0x2', message: 'revoked' }, { status: '0x3', message: 'revoked' }];
const messageEntry = (over: Record<string, unknown> = {}) => entry({ statusPurpose: 'message', statusListCredential: 'https://hub.example/status-lists/kh-ntti-2-status', statusSize: 2, statusMessage: MESSAGES, ...over });
const messageLookup = (value: number, messages = ['valid', 'suspended', 'revoked', 'revoked']): StatusEntryLookup =>
  ({ purpose: 'message', listUrl: 'https://hub.example/status-lists/kh-ntti-2-status', index: 42, statusSize: 2, messages, lookup: found(value) });

describe('parseStatusEntry', () => {
  it('reads a Bitstring Status List entry', () => {
    expect(parseStatusEntry(entry())).toEqual({ purpose: 'revocation', listUrl: 'https://hub.example/status-lists/kh-ntti-1-revocation', index: 42, statusSize: 1 });
  });
  it('reads a message entry: statusSize and one statusMessage per value, by value (§2.1)', () => {
    expect(parseStatusEntry(messageEntry())).toEqual({ purpose: 'message', listUrl: 'https://hub.example/status-lists/kh-ntti-2-status', index: 42, statusSize: 2,
      messages: ['valid', 'suspended', 'revoked', 'revoked'] });
    // in any order, the hexadecimal in either case
    expect(parseStatusEntry(messageEntry({ statusMessage: [MESSAGES[3], MESSAGES[1], { status: '0X0', message: 'valid' }, MESSAGES[2]] }))?.messages).toEqual(['valid', 'suspended', 'revoked', 'revoked']);
  });
  it('does not read an entry that breaks a statusSize or statusMessage MUST', () => {
    const broken: [string, Record<string, unknown>][] = [
      ['statusSize above 1 without statusMessage', { statusMessage: undefined }],
      ['fewer messages than values', { statusMessage: MESSAGES.slice(0, 3) }],
      ['more messages than values', { statusMessage: [...MESSAGES, { status: '0x4', message: 'x' }] }],
      ['a value twice', { statusMessage: [MESSAGES[0], MESSAGES[0], MESSAGES[2], MESSAGES[3]] }],
      ['a status not in 0x hexadecimal', { statusMessage: [{ status: '0', message: 'valid' }, ...MESSAGES.slice(1)] }],
      ['a message that is not a string', { statusMessage: [{ status: '0x0', message: 0 }, ...MESSAGES.slice(1)] }],
      ['statusMessage not an array', { statusMessage: MESSAGES[0] }],
      ['statusSize zero', { statusSize: 0 }],
      ['statusSize as a string', { statusSize: '2' }],
      ['statusSize not a whole number', { statusSize: 1.5 }],
      ['statusSize spanning bytes (3 bits)', { statusSize: 3, statusMessage: Array.from({ length: 8 }, (_, v) => ({ status: `0x${v}`, message: 'm' })) }],
    ];
    for (const [why, over] of broken) expect(parseStatusEntry(messageEntry(over)), why).toBeUndefined();
    // statusSize 1 may carry statusMessage: then two of them
    expect(parseStatusEntry(entry({ statusMessage: MESSAGES.slice(0, 2) }))?.messages).toEqual(['valid', 'suspended']);
    expect(parseStatusEntry(entry({ statusMessage: MESSAGES }))).toBeUndefined();
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
  it('a message entry is judged by the message its own statusMessage gives the value', () => {
    expect(checkStatus(ISSUER, 1, [messageLookup(0)])).toMatchObject({ outcome: 'valid' });
    expect(checkStatus(ISSUER, 1, [messageLookup(1)])).toMatchObject({ outcome: 'invalid', code: 'suspended' });
    expect(checkStatus(ISSUER, 1, [messageLookup(2)])).toMatchObject({ outcome: 'invalid', code: 'revoked' });
    expect(checkStatus(ISSUER, 1, [messageLookup(3)])).toMatchObject({ outcome: 'invalid', code: 'revoked' });
    // the same value under another vocabulary: what the entry says counts, not the bit pattern
    expect(checkStatus(ISSUER, 1, [messageLookup(2, ['valid', 'revoked', 'valid', 'suspended'])])).toMatchObject({ outcome: 'valid' });
    expect(checkStatus(ISSUER, 1, [messageLookup(1, ['valid', 'pending_review', 'revoked', 'revoked'])])).toMatchObject({ outcome: 'indeterminate', code: 'unknown-status-message' });
    expect(checkStatus(ISSUER, 1, [{ ...messageLookup(0), lookup: found(0, 'did:web:hub.example:spokes:th-bkk-itc') }])).toMatchObject({ code: 'status-list-issuer-mismatch' });
    expect(checkStatus(ISSUER, 1, [messageLookup(2)])).toMatchObject({ details: { snapshot: [{ purpose: 'message', status: '0x2' }] } });
  });
  it('passes when every list is readable, the issuer\'s, and no bit is set', () => {
    expect(checkStatus(ISSUER, 2, [lookup('revocation', found(false)), lookup('suspension', found(false))])).toMatchObject({ outcome: 'valid' });
  });
});
