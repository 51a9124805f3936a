import QRCode from 'qrcode';

/**
 * QR codes for verification URLs. Error correction M: readable by cheap phone cameras
 * on a printed page, while a URL stays a small QR version.
 */
const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

export const qrSvg = (text: string): Promise<string> => QRCode.toString(text, { ...OPTIONS, type: 'svg' });
export const qrPng = (text: string, width = 384): Promise<Buffer> => QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width });
