import { describe, expect, it } from 'vitest';
import { registryAt } from '../../../src/services/registry/registry-snapshot.js';
import type { Repositories } from '../../../src/services/ports.js';

/** A registry source that counts its reads. */
function countingSource() {
  const reads: string[] = [];
  const spoke = {
    slug: 'kh',
    did: 'did:web:h:spokes:kh',
    name: 'Centre',
    country: 'KH',
    createdAt: '2026-01-01T00:00:00Z',
  };
  const source = {
    spokes: {
      getByDid: async (did: string) => {
        reads.push(`spoke ${did}`);
        return did === spoke.did ? { ...spoke } : undefined;
      },
      key: async (id: string) => {
        reads.push(`key ${id}`);
        return undefined;
      },
      accreditations: async (slug: string) => {
        reads.push(`accreditations ${slug}`);
        return [
          {
            id: 'a1',
            spoke: slug,
            qualifications: ['Q'],
            validFrom: '2026-01-01',
            validUntil: null,
            createdAt: '2026-01-01T00:00:00Z',
            events: [],
          },
        ];
      },
    },
    qualifications: {
      get: async (code: string) => {
        reads.push(`qualification ${code}`);
        return undefined;
      },
    },
    frameworks: {
      get: async (id: string) => {
        reads.push(`framework ${id}`);
        return undefined;
      },
    },
  } as unknown as Pick<Repositories, 'spokes' | 'qualifications' | 'frameworks'>;
  return { source, reads };
}

describe('registryAt', () => {
  it('reads each found entry once per registry version, and again when the version moves', async () => {
    const { source, reads } = countingSource();
    for (let i = 0; i < 3; i++) {
      const view = registryAt(source, 7);
      expect((await view.spokes.getByDid('did:web:h:spokes:kh'))?.slug).toBe('kh');
      expect(await view.spokes.accreditations('kh')).toHaveLength(1);
    }
    expect(reads).toEqual(['spoke did:web:h:spokes:kh', 'accreditations kh']);
    await registryAt(source, 8).spokes.getByDid('did:web:h:spokes:kh');
    expect(reads).toHaveLength(3);
  });

  it('does not remember misses: an unknown id is asked for every time (and cannot grow the cache)', async () => {
    const { source, reads } = countingSource();
    const view = registryAt(source, 1);
    for (let i = 0; i < 3; i++) expect(await view.spokes.getByDid('did:web:nobody')).toBeUndefined();
    expect(reads).toEqual(Array(3).fill('spoke did:web:nobody'));
  });

  it('hands out frozen entries, so one verification cannot change what the next one sees', async () => {
    const { source } = countingSource();
    const view = registryAt(source, 2);
    const accreditations = await view.spokes.accreditations('kh');
    expect(() => {
      (accreditations as unknown as unknown[]).push({});
    }).toThrow();
    expect(() => {
      (accreditations[0] as { validUntil: unknown }).validUntil = '2020-01-01';
    }).toThrow();
  });
});
