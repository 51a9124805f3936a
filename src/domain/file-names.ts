/**
 * Safe ASCII file names for the files a centre downloads (the batch ZIP): a worker's name as
 * a slug, e.g. "Nguyễn Văn Ánh" -> "nguyen-van-anh". Only [a-z0-9-] survive, so no path
 * separator, dot segment, drive letter or control character can reach an archive entry's name
 * (the "Zip Slip" class of path traversal, https://snyk.io/research/zip-slip-vulnerability).
 * A name with no Latin letters at all (សុខ ដារា) gives the fallback: the certificate id that
 * follows the slug keeps every file name unique either way.
 */
export function fileSlug(name: string | undefined, fallback = 'worker', maxLength = 40): string {
  const slug = (name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // the accents NFKD split off
    .replace(/[đĐ]/g, 'd') // letters NFKD does not decompose
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}
