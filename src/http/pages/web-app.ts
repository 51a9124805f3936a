import type { Translator } from './i18n.js';

/**
 * What lets a worker keep their certificate on the phone: the web app manifest
 * (https://www.w3.org/TR/appmanifest/) that "add to home screen" reads, and the service
 * worker (https://www.w3.org/TR/service-workers/) that keeps the worker's page and its QR code
 * for when there is no network.
 */
export const OFFLINE_CACHE = 'skillpass-worker-v1';
export const SERVICE_WORKER_PATH = '/sw.js';
/** the service worker controls the certificate pages only, never /scan (a scanner must not see old answers) */
export const SERVICE_WORKER_SCOPE = '/v/';
export const THEME_COLOUR = '#0b4ea2';

export interface IconPaths {
  svg: string;
  png192: string;
  png512: string;
}

/** The manifest: the hub's (start at the scanner) or a worker's (start at their certificate). */
export function webManifest(
  tr: Translator,
  icons: IconPaths,
  app: { name: string; startUrl: string; scope: string },
): Record<string, unknown> {
  return {
    name: app.name,
    short_name: tr.t('site.name'),
    lang: tr.lang,
    start_url: app.startUrl,
    scope: app.scope,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: THEME_COLOUR,
    icons: [
      { src: icons.svg, type: 'image/svg+xml', sizes: 'any', purpose: 'any' },
      { src: icons.png192, type: 'image/png', sizes: '192x192', purpose: 'any' },
      { src: icons.png512, type: 'image/png', sizes: '512x512', purpose: 'any' },
    ],
  };
}

/**
 * The service worker, served as /sw.js (a fixed path: a browser checks it for updates). For a
 * worker's page (/v/<id>/worker), its QR code and the hub's hashed assets: the network first,
 * so the status shown is today's; what came back is kept; without network, the kept copy. It
 * leaves every other request alone. The page's own script (./worker-script.ts) puts the page
 * and its QR code in the cache on the first visit, before this worker controls anything.
 */
export const SERVICE_WORKER_SCRIPT = String.raw`'use strict';
var CACHE = '${OFFLINE_CACHE}';
var KEPT = [/^\/v\/[^\/]+\/worker$/, /^\/certificates\/[^\/]+\/qr\.svg$/, /^\/assets\//];
self.addEventListener('install', function () { self.skipWaiting(); });
// a new version of this worker drops the copies an older one kept
self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf('skillpass-worker-') === 0 && n !== CACHE; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener('fetch', function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (!KEPT.some(function (re) { return re.test(url.pathname); })) return;
  event.respondWith(fetch(req).then(function (res) {
    if (res.ok) {
      var copy = res.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(req, copy); });
    }
    return res;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(req).then(function (hit) { return hit || cache.match(req, { ignoreSearch: true }); });
    }).then(function (hit) { return hit || Response.error(); });
  }));
});
`;
