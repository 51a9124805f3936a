import type { CertificateRecord } from '../../domain/types.js';
import type { Formats } from '../format-ports.js';
import { SkillPassError } from '../../domain/errors.js';

/**
 * What a certificate's QR code holds, chosen per certificate by the centre:
 * `url` (default) the verification page's URL, small and always current;
 * `credential` the whole signed credential, for checking offline: a VC-JOSE JWT as it is when
 * it fits a QR code, otherwise (and always for Data Integrity JSON) `SKP1:` + base45 of the
 * deflated credential (../../domain/credential-payload.ts).
 */
export type QrContent = 'url' | 'credential';

/** Above this QR version cheap phone cameras read a printed code poorly. */
export const QR_VERSION_WARN_ABOVE = 25;

/** The text a certificate's QR code encodes; `verifyUrl` is the certificate's verification page. */
export function qrTextFor(
  formats: Pick<Formats, 'qr' | 'payloads'>,
  verifyUrl: string,
  record: Pick<CertificateRecord, 'format' | 'serialized' | 'qr'>,
): string {
  if ((record.qr ?? 'url') === 'url') return verifyUrl;
  if (record.format === 'vc+jwt' && fitsQr(formats, record.serialized)) return record.serialized;
  return formats.payloads.encode(record.serialized);
}

const fitsQr = (formats: Pick<Formats, 'qr'>, text: string): boolean => {
  try {
    formats.qr.version(text);
    return true;
  } catch {
    return false;
  }
};

/** The QR version the text needs, and warnings for people; a text that fits no QR code is refused. */
export function qrFitness(
  formats: Pick<Formats, 'qr'>,
  text: string,
  content: QrContent,
): { version: number; warnings: string[] } {
  let version: number;
  try {
    version = formats.qr.version(text);
  } catch {
    throw new SkillPassError(
      'invalid-credential-request',
      'The credential is too large for a QR code; issue it with "qr": "url".',
      { field: 'qr' },
    );
  }
  const warnings =
    version > QR_VERSION_WARN_ABOVE
      ? [
          `The QR code is version ${version} (above ${QR_VERSION_WARN_ABOVE}) because it carries the ${content === 'credential' ? 'whole credential' : 'text'}: phones read it poorly. Print it at least 6 cm wide, or issue with "qr": "url".`,
        ]
      : [];
  return { version, warnings };
}
