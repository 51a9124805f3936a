import { OFFLINE_CACHE, SERVICE_WORKER_PATH, SERVICE_WORKER_SCOPE } from './web-app.js';

/**
 * The worker page's script, served as /assets/worker-<hash>.js: it registers the service worker
 * (./web-app.ts) and keeps this page, its QR code and its files in the offline cache, so the
 * certificate opens without network. When /health cannot be reached, it shows the note that
 * this is the saved copy.
 * Marks <html data-offline-ready> once saved (the browser test waits for it).
 */
export const WORKER_SCRIPT = String.raw`(function () {
  'use strict';
  // the saved copy, opened without network: say so (the service worker lets /health through to the network)
  var note = document.getElementById('offline-note');
  if (note && window.fetch) fetch('/health', { cache: 'no-store' }).catch(function () { note.hidden = false; });
  if (!('serviceWorker' in navigator) || !window.caches) return;
  navigator.serviceWorker.register('${SERVICE_WORKER_PATH}', { scope: '${SERVICE_WORKER_SCOPE}' })
    .then(function () { return caches.open('${OFFLINE_CACHE}'); })
    .then(function (cache) {
      var urls = [location.pathname + location.search];
      var nodes = document.querySelectorAll('img[src], script[src], link[rel=icon][href]');
      for (var i = 0; i < nodes.length; i++) urls.push(nodes[i].getAttribute('src') || nodes[i].getAttribute('href'));
      return cache.addAll(urls);
    })
    .then(function () { document.documentElement.setAttribute('data-offline-ready', 'true'); })
    .catch(function () { /* offline or storage refused: the page still works online */ });
})();
`;
