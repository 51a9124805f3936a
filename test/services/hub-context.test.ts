import { describe, expect, it } from 'vitest';
import { instantIso, nowIso } from '../../src/services/hub-context.js';

/** The hub's clock as text (src/services/hub-context.ts): whole seconds, and the issuance instant to the millisecond. */
describe('hub clock', () => {
  const at = (iso: string) => ({ clock: () => new Date(iso) });

  it('nowIso gives whole seconds, without milliseconds', () => {
    expect(nowIso(at('2026-11-20T10:00:00.000Z'))).toBe('2026-11-20T10:00:00Z');
    expect(nowIso(at('2026-11-20T10:00:00.999Z'))).toBe('2026-11-20T10:00:00Z');
  });

  it('instantIso keeps the milliseconds that tell a signature and a key rotation apart; on a whole second it is nowIso', () => {
    expect(instantIso(at('2026-11-20T10:00:00.400Z'))).toBe('2026-11-20T10:00:00.400Z');
    expect(instantIso(at('2026-11-20T10:00:00.700Z'))).not.toBe(instantIso(at('2026-11-20T10:00:00.400Z')));
    expect(instantIso(at('2026-11-20T10:00:00.000Z'))).toBe(nowIso(at('2026-11-20T10:00:00.000Z')));
  });
});
