/**
 * The employer's request page script, served as /assets/request-<hash>.js: while the request is
 * pending it asks the page's state URL (same origin, the page key in it) every 2 seconds and
 * reloads the page once the wallet answered or the request expired, so the server renders the
 * verdict. No script: the page says to reload (a <noscript> note).
 */
export const REQUEST_SCRIPT = String.raw`(function () {
  'use strict';
  var root = document.querySelector('[data-poll]');
  if (!root || !window.fetch) return;
  var url = root.getAttribute('data-poll');
  function poll() {
    fetch(url, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : { status: 'gone' }; })
      .then(function (s) { if (s.status === 'pending') setTimeout(poll, 2000); else location.reload(); })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
`;
