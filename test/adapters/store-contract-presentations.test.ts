import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/services/ports.js';
import type { PresentationRequest } from '../../src/domain/presentations/presentation-request.js';
import type { VerificationResult } from '../../src/domain/verification-result.js';
import { openTestStore } from '../helpers/test-store.js';
import { testEngine } from '../helpers/test-database.js';

/** Employers' presentation requests on each engine (014_presentation_requests.sql): one answer, then gone. */
describe(`store contract: presentation requests (${testEngine()})`, () => {
  let store: Store;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await openTestStore());
  });
  afterEach(async () => {
    await close();
  });

  const request: PresentationRequest = {
    id: 'req-0123456789abcdef',
    employerToken: 'token-a',
    qualification: 'TH-BRICK-1',
    purpose: 'Hiring',
    claims: ['assessment'],
    nonce: 'nonce-1',
    pageKeyHash: 'ab'.repeat(32),
    createdAt: '2026-11-20T10:00:00Z',
    expiresAt: '2026-11-20T10:10:00Z',
    purgeAfter: '2026-11-20T11:10:00Z',
  };
  const result: VerificationResult = { outcome: 'valid', checks: [], verifiedAt: '2026-11-20T10:05:00Z' };

  it('reads back what was stored, takes one answer within its lifetime only, and purges it after', async () => {
    await store.repos.presentationRequests.insert(request);
    expect(await store.repos.presentationRequests.get(request.id)).toEqual(request);
    expect(await store.repos.presentationRequests.answer(request.id, '2026-11-20T10:10:00Z', result)).toBe(
      false,
    );
    expect(await store.repos.presentationRequests.answer(request.id, '2026-11-20T10:05:00Z', result)).toBe(
      true,
    );
    expect(await store.repos.presentationRequests.answer(request.id, '2026-11-20T10:06:00Z', result)).toBe(
      false,
    );
    expect(await store.repos.presentationRequests.get(request.id)).toEqual({
      ...request,
      answeredAt: '2026-11-20T10:05:00Z',
      result,
    });
    expect(await store.repos.presentationRequests.purge('2026-11-20T11:09:59Z')).toBe(0);
    expect(await store.repos.presentationRequests.purge('2026-11-20T11:10:00Z')).toBe(1);
    expect(await store.repos.presentationRequests.get(request.id)).toBeUndefined();
  });
});
