import { createHash } from 'node:crypto';
import type { Holder } from './types.js';

/**
 * Holder-match keys: "the same worker" is the same name and birth date, or the same document
 * number (for the same qualification at the same centre). Only SHA-256 hashes of the
 * normalised values are stored next to a certificate, so finding a worker's existing
 * certificate needs no extra personal data in the database. Pure.
 */
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** NFKC, lower case, one space between words: "  SOK   Dara" and "sok dara" are one name. */
export const normaliseName = (name: string): string =>
  name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
/** NFKC, upper case, without spaces, dots and dashes: "n 123-456" and "N123456" are one number. */
export const normaliseDocument = (doc: string): string =>
  doc
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.\-/]+/gu, '');

export interface HolderKeys {
  holderKey: string | null;
  holderDocumentKey: string | null;
}

export function holderKeys(holder: Holder): HolderKeys {
  const name = normaliseName(holder.name);
  const doc = holder.documentNumber ? normaliseDocument(holder.documentNumber) : '';
  return {
    holderKey: name && holder.birthDate ? sha256(`name-birth|${name}|${holder.birthDate}`) : null,
    holderDocumentKey: doc ? sha256(`document|${doc}`) : null,
  };
}

export const documentKey = (documentNumber: string): string | null =>
  holderKeys({ name: '', documentNumber }).holderDocumentKey;
