import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { SCAN_SCRIPT } from './scan-script.js';
import { WORKER_SCRIPT } from './worker-script.js';
import { REQUEST_SCRIPT } from './request-script.js';
import { ICON_SVG, iconPng } from './icons.js';

/**
 * The files the pages load, served by this hub (no CDN): jsQR from its npm package, the pages'
 * own scripts and the icon. Names carry a content hash so they can be cached for a year; text
 * files are gzipped once at start-up for slow connections.
 */
export interface Asset {
  path: string;
  type: string;
  body: Buffer;
  gzip?: Buffer;
}

const asset = (name: string, ext: string, type: string, body: Buffer, compress = true): Asset => {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return {
    path: `/assets/${name}-${hash}.${ext}`,
    type,
    body,
    ...(compress ? { gzip: gzipSync(body, { level: 9 }) } : {}),
  };
};
const JS = 'text/javascript; charset=utf-8';

export interface PageAssets {
  jsqr: Asset;
  scan: Asset;
  worker: Asset;
  /** the employer's presentation request page (./request-script.ts) */
  request: Asset;
  iconSvg: Asset;
  icon192: Asset;
  icon512: Asset;
}

let cached: PageAssets | undefined;
export function scanAssets(): PageAssets {
  if (!cached) {
    const jsqrFile = createRequire(import.meta.url).resolve('jsqr');
    cached = {
      jsqr: asset('jsqr', 'js', JS, readFileSync(jsqrFile)),
      scan: asset('scan', 'js', JS, Buffer.from(SCAN_SCRIPT, 'utf8')),
      worker: asset('worker', 'js', JS, Buffer.from(WORKER_SCRIPT, 'utf8')),
      request: asset('request', 'js', JS, Buffer.from(REQUEST_SCRIPT, 'utf8')),
      iconSvg: asset('icon', 'svg', 'image/svg+xml', Buffer.from(ICON_SVG, 'utf8')),
      icon192: asset('icon-192', 'png', 'image/png', iconPng(192), false),
      icon512: asset('icon-512', 'png', 'image/png', iconPng(512), false),
    };
  }
  return cached;
}
