import type { FastifyInstance } from 'fastify';
import { cspHash, INLINE_STYLES } from '../pages/inline-styles.js';

/**
 * The Content-Security-Policy of every HTML page, set in one place for every text/html
 * response (https://www.w3.org/TR/CSP3/): scripts only from this hub's own files (the pages
 * have no inline script; JSON data blocks are not scripts), styles only this hub's known inline
 * blocks (by hash), fetches, forms and images only to itself (images also from blob: URLs, for
 * a photo of a QR code), fonts, the web app manifest and the service worker only from itself, no plugins, no <base>, and never inside another site's frame
 * (clickjacking). With it: no referrer leaves the page (a verification URL carries the
 * certificate id) and no content-type sniffing.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${INLINE_STYLES.map(cspHash).join(' ')}`,
  "img-src 'self' blob:",
  "font-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export function registerPageSecurity(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    if (/^text\/html\b/i.test(String(reply.getHeader('content-type') ?? ''))) {
      reply
        .header('content-security-policy', PAGE_CSP)
        .header('referrer-policy', 'no-referrer')
        .header('x-content-type-options', 'nosniff')
        .header('x-frame-options', 'DENY');
    }
    return payload;
  });
}
