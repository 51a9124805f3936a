import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  auditHash,
  chainEntry,
  stableJson,
  verifyChain,
  type AuditEntry,
} from '../../src/domain/audit-chain.js';

function buildChain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 1; i <= n; i++) {
    out.push(
      chainEntry(out.at(-1), {
        at: `2026-01-0${i}T00:00:00Z`,
        actor: 'admin',
        action: 'test.step',
        subject: `s${i}`,
        details: { step: i, tags: ['a', 'b'] },
      }),
    );
  }
  return out;
}

describe('chainEntry', () => {
  it('starts at seq 1 on the genesis hash and links each entry to the previous hash', () => {
    const chain = buildChain(3);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    expect(chain[2]!.prevHash).toBe(chain[1]!.hash);
  });
});

describe('stableJson', () => {
  it('does not depend on key order at any depth', () => {
    expect(stableJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } })).toBe(
      stableJson({ a: { c: 'x', d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('drops undefined object members', () => {
    expect(stableJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});

describe('verifyChain', () => {
  it('accepts an untouched chain and reports its length', () => {
    expect(verifyChain(buildChain(5))).toEqual({ ok: true, length: 5 });
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({ ok: true, length: 0 });
  });

  it('detects edited details at the edited entry', () => {
    const chain = buildChain(5);
    chain[2] = { ...chain[2]!, details: { step: 3, tags: ['a', 'b', 'c'] } };
    expect(verifyChain(chain)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'entry content does not match its hash',
    });
  });

  it('detects an edit whose own hash was recomputed, at the next entry', () => {
    const chain = buildChain(5);
    const edited = { ...chain[1]!, actor: 'intruder' };
    const { prevHash, hash: _h, ...content } = edited;
    chain[1] = { ...edited, hash: auditHash(prevHash, content) };
    expect(verifyChain(chain)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'previous hash does not match',
    });
  });

  it('detects two entries swapped, at the first one out of place', () => {
    const chain = buildChain(5);
    [chain[1], chain[2]] = [chain[2]!, chain[1]!];
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 3, reason: 'expected entry 2, found 3' });
  });

  it('detects two entries swapped and renumbered, at the first renumbered one', () => {
    const chain = buildChain(5);
    const [second, third] = [chain[1]!, chain[2]!];
    chain[1] = { ...third, seq: 2 };
    chain[2] = { ...second, seq: 3 };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects a deleted middle entry, at the entry after the gap', () => {
    const chain = buildChain(5);
    chain.splice(2, 1); // remove seq 3
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 4, reason: 'expected entry 3, found 4' });
  });

  it('detects a deleted middle entry even when later entries are renumbered to close the gap', () => {
    const chain = buildChain(5);
    chain.splice(2, 1);
    const renumbered = chain.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects a deleted first entry, at the new first entry', () => {
    const chain = buildChain(3).slice(1);
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 2, reason: 'expected entry 1, found 2' });
  });
});
