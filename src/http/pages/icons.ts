import { deflateSync } from 'node:zlib';

/**
 * The hub's icon (a white tick on the pages' blue), drawn here rather than shipped as files:
 * as SVG for browsers that take it, as PNG (192 and 512 px, for the web app manifest: phones
 * that save a page to the home screen want bitmaps) and as /favicon.ico (a 32 px PNG inside an
 * ICO, for browsers that ask for that path whatever the page says).
 */
const BLUE = [0x0b, 0x4e, 0xa2] as const;
/** the tick, in a unit square: two strokes */
const TICK: readonly [number, number][] = [
  [0.27, 0.53],
  [0.43, 0.69],
  [0.74, 0.34],
];
const STROKE = 0.075;
const RADIUS = 0.18;

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="${RADIUS * 100}" fill="rgb(${BLUE.join(',')})"/><polyline points="${TICK.map(([x, y]) => `${x * 100},${y * 100}`).join(' ')}" fill="none" stroke="#fff" stroke-width="${STROKE * 200}" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

const distToSegment = (px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
};

/** RGBA of the icon at (x, y) in the unit square; corners outside the rounded square are transparent */
function pixel(x: number, y: number): [number, number, number, number] {
  const cx = Math.min(Math.max(x, RADIUS), 1 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 1 - RADIUS);
  if (Math.hypot(x - cx, y - cy) > RADIUS) return [0, 0, 0, 0];
  const d = Math.min(distToSegment(x, y, TICK[0]!, TICK[1]!), distToSegment(x, y, TICK[1]!, TICK[2]!));
  return d <= STROKE ? [255, 255, 255, 255] : [...BLUE, 255];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};

/** The icon as an RGBA PNG of size × size pixels (https://www.w3.org/TR/png-3/). */
export function iconPng(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel((x + 0.5) / size, (y + 0.5) / size), row + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO holding one PNG image (allowed since Windows Vista; every current browser reads it). */
export function iconIco(size = 32): Buffer {
  const png = iconPng(size);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, png]);
}
