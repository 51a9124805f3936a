import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { SCAN_SCRIPT } from './scan-script.js';

/**
 * The scripts the /scan page loads, served by this hub (no CDN): jsQR from its npm package
 * and the page's own script. Names carry a content hash so they can be cached for a year;
 * each is gzipped once at start-up for slow connections.
 */
export interface Asset {
  path: string;
  type: string;
  body: Buffer;
  gzip: Buffer;
}

const asset = (name: string, body: Buffer): Asset => {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return {
    path: `/assets/${name}-${hash}.js`,
    type: 'text/javascript; charset=utf-8',
    body,
    gzip: gzipSync(body, { level: 9 }),
  };
};

let cached: { jsqr: Asset; scan: Asset } | undefined;
export function scanAssets(): { jsqr: Asset; scan: Asset } {
  if (!cached) {
    const jsqrFile = createRequire(import.meta.url).resolve('jsqr');
    cached = {
      jsqr: asset('jsqr', readFileSync(jsqrFile)),
      scan: asset('scan', Buffer.from(SCAN_SCRIPT, 'utf8')),
    };
  }
  return cached;
}
