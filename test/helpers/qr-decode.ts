import { PNG } from 'pngjs';
import * as jsQRModule from 'jsqr';

type Decode = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'attemptBoth' },
) => { data: string } | null;
/** jsQR is CommonJS with a `default` export; take the function whichever way it arrives. */
const loaded = jsQRModule as unknown as { default: Decode | { default: Decode } };
const jsQR: Decode = typeof loaded.default === 'function' ? loaded.default : loaded.default.default;

/** Decodes the QR code in RGBA pixels; throws when there is none. */
export function decodeRgba(data: Uint8ClampedArray, width: number, height: number): string {
  const code = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' });
  if (!code) throw new Error(`no QR code found in a ${width}x${height} image`);
  return code.data;
}

/** A PNG (the service's qr.png, a pdftoppm page, a browser screenshot) to the text of its QR code. */
export function decodePng(png: Buffer): string {
  const image = PNG.sync.read(png);
  return decodeRgba(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
  );
}

/**
 * The service's qr.svg to the text of its QR code: the `qrcode` library draws each row's dark
 * modules as horizontal strokes (`M x y h n`, `m dx dy h n`); they are rasterised here at
 * `scale` pixels a module and decoded like any picture.
 */
export function decodeSvg(svg: string, scale = 6): string {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];
  if (!size || !path) throw new Error('not a qrcode SVG');
  const w = size * scale;
  const pixels = new Uint8ClampedArray(w * w * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of path.matchAll(/([MmHh])(-?[\d.]+)(?:\s+(-?[\d.]+))?/g)) {
    const n = Number(a);
    if (cmd === 'M') {
      x = n;
      y = Number(b);
    } else if (cmd === 'm') {
      x += n;
      y += Number(b);
    } else {
      const to = cmd === 'h' ? x + n : n;
      const row = Math.floor(y);
      for (let px = x * scale; px < to * scale; px++) {
        for (let py = row * scale; py < (row + 1) * scale; py++) {
          const i = (py * w + px) * 4;
          pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
        }
      }
      x = to;
    }
  }
  return decodeRgba(pixels, w, w);
}
