import QRCode from 'qrcode';

/**
 * QR codes for certificates. Error correction M: readable by cheap phone cameras
 * on a printed page, while a URL stays a small QR version.
 */
const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

export const qrSvg = (text: string): Promise<string> => QRCode.toString(text, { ...OPTIONS, type: 'svg' });
/** At least 4 pixels a module, so a dense code (a whole credential) stays readable. */
export const qrPng = (text: string, minWidth = 384): Promise<Buffer> =>
  QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width: Math.max(minWidth, (qrModules(text).size + 2 * OPTIONS.margin) * 4) });

/** The QR version (1..40) the text needs at error correction M; throws when it does not fit in version 40. */
export const qrVersion = (text: string): number => QRCode.create(text, { errorCorrectionLevel: 'M' }).version;

/** The module matrix (row-major, true = dark), for drawing the code in a PDF. */
export function qrModules(text: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}
