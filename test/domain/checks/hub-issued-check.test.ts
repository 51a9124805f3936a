import { describe, expect, it } from 'vitest';
import { checkHubIssued } from '../../../src/domain/checks/hub-issued-check.js';

describe('checkHubIssued (credentials the hub itself issues: recognition receipts)', () => {
  const hub = 'did:web:hub.example';
  it("the issuer check passes for the hub's own key; accreditation and level do not apply", () => {
    expect(checkHubIssued(hub, `${hub}#key-1`)).toEqual([
      {
        id: 'issuer',
        outcome: 'valid',
        message: 'Issued by the hub itself, signed with its own key.',
        details: { hub },
      },
      {
        id: 'accreditation',
        outcome: 'skipped',
        message: 'Not applicable: issued by the hub, not by a testing centre.',
      },
      {
        id: 'level',
        outcome: 'skipped',
        message: 'Not applicable: issued by the hub, not a certificate of a qualification.',
      },
    ]);
  });
  it('fails the issuer check for any other key, or none', () => {
    for (const vm of [`${hub}:spokes:kh-ntti#key-1`, 'did:key:z6Mk#z6Mk', undefined]) {
      expect(checkHubIssued(hub, vm)[0]).toMatchObject({
        id: 'issuer',
        outcome: 'invalid',
        code: 'key-not-registered',
      });
    }
  });
});
