import { describe, expect, it } from 'vitest';
import { fileSlug } from '../../src/domain/file-names.js';

describe('fileSlug (file names in the batch ZIP)', () => {
  it('lower-case ASCII words joined by "-", accents dropped', () => {
    expect(fileSlug('Sok Dara')).toBe('sok-dara');
    expect(fileSlug('Nguyễn Văn Ánh')).toBe('nguyen-van-anh');
    expect(fileSlug('Trần Đức  Øystein-Strauß')).toBe('tran-duc-oystein-strauss');
  });

  it('nothing of a path survives: separators, dot segments, drive letters, control characters', () => {
    for (const hostile of [
      '../../etc/passwd',
      '..\\..\\windows\\system32',
      'C:\\x',
      '/abs',
      'a\u0000b\nc',
      '%2e%2e%2f',
    ])
      expect(fileSlug(hostile)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(fileSlug('../../etc/passwd')).toBe('etc-passwd');
  });

  it('a name without Latin letters (or empty) gives the fallback; long names are cut', () => {
    expect(fileSlug('សុខ ដារា')).toBe('worker');
    expect(fileSlug('')).toBe('worker');
    expect(fileSlug(undefined, 'x')).toBe('x');
    expect(fileSlug('a'.repeat(100))).toHaveLength(40);
    expect(fileSlug(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39));
  });
});
