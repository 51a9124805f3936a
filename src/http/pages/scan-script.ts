import { REVEAL_SCRIPT } from './reveal-script.js';

/**
 * The /scan page's script, served as /assets/scan-<hash>.js. Plain ES2017 for old phone
 * browsers, no framework, no build step. It reads QR codes from the camera or a photo with
 * jsQR (served by this hub), classifies what the code holds (a verification URL, an `SKP1:`
 * credential, a JWT, credential JSON) and checks each one with POST /verifications, newest
 * first in a running list. The page's texts come from the JSON in #scan-texts.
 */
export const SCAN_SCRIPT = String.raw`(function () {
  'use strict';
  // a worker's name with any invisible or direction-changing character shown as ⟨U+202E⟩ (./reveal-script.ts)
  ${REVEAL_SCRIPT}
  var T = JSON.parse(document.getElementById('scan-texts').textContent);
  var lang = document.documentElement.lang;
  var decodeQr = window.jsQR && (window.jsQR.default || window.jsQR);
  var list = document.getElementById('results');
  var empty = document.getElementById('empty');
  var status = document.getElementById('scan-status');
  var seen = {};
  var CSS = { valid: 'ok', invalid: 'bad', indeterminate: 'unsure' };

  function t(key, vars) {
    var s = T[key] || key;
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vars && k in vars ? vars[k] : m; });
  }
  function say(text) { status.textContent = text; }
  function flash(li) {
    li.classList.add('again');
    clearTimeout(li.againTimer);
    li.againTimer = setTimeout(function () { li.classList.remove('again'); }, 1500);
    say(t('scan.again'));
  }
  function el(tag, text, cls) { var n = document.createElement(tag); if (text) n.textContent = text; if (cls) n.className = cls; return n; }

  var UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;
  function classify(raw) {
    var text = String(raw || '').trim();
    if (!text) return null;
    if (/^skp1:/i.test(text) || /^[\w-]+\.[\w-]+\.[\w-]+$/.test(text)) return { body: { credential: text }, key: 'c:' + text };
    if (text.charAt(0) === '{') {
      try { return { body: { credential: JSON.parse(text) }, key: 'c:' + text }; } catch (e) { return null; }
    }
    var m = /\/v\/([0-9a-f-]{36})(?:[\/?#]|$)/i.exec(text) || /^urn:uuid:([0-9a-f-]{36})$/i.exec(text) || (/^[0-9a-f-]{36}$/i.test(text) ? [text, text] : null);
    if (m && UUID.test(m[1])) return { body: { id: m[1].toLowerCase() }, key: 'id:' + m[1].toLowerCase() };
    return null;
  }

  function failureText(result) {
    for (var i = 0; i < result.checks.length; i++) {
      var c = result.checks[i];
      if (c.outcome === 'invalid' || c.outcome === 'indeterminate') return (c.code && T['code.' + c.code]) || T['check.' + c.id] || c.message;
    }
    return '';
  }

  // entries are keyed by what was scanned, never by the id a credential claims: a forged copy
  // carries the genuine certificate's id, and must neither hide nor be hidden by it
  var byCertificate = {};
  function show(li, result, found) {
    var certId = result.credential && result.credential.id;
    var known = certId && byCertificate[certId];
    if (known && known !== li && result.outcome === 'valid' && known.getAttribute('data-outcome') === 'valid') {
      // the same valid certificate by another route (its URL, then its credential): flagged, not listed twice
      li.remove();
      seen[found.key] = known;
      flash(known);
      return;
    }
    li.textContent = '';
    li.className = 'entry ' + CSS[result.outcome];
    li.setAttribute('data-outcome', result.outcome);
    var c = result.credential || {};
    li.appendChild(el('strong', t('verdict.' + result.outcome), 'verdict-word'));
    if (c.holderName) {
      var shown = revealHidden(c.holderName);
      li.appendChild(document.createTextNode(' ')); li.appendChild(el('bdi', shown.text, 'name'));
      if (shown.hidden) li.appendChild(el('div', t('name.hidden'), 'why hidden-name'));
    }
    if (c.qualificationTitle || c.qualification) li.appendChild(el('div', (c.qualificationTitle || '') + (c.qualification ? ' (' + c.qualification + ')' : ''), 'qual'));
    var why = failureText(result);
    if (why) li.appendChild(el('div', why, 'why'));
    if (known && known !== li) {
      // another copy of a certificate already in the list, and they do not agree: say so on both
      li.classList.add('conflict');
      li.appendChild(el('div', t('scan.differentCopy'), 'conflict-note'));
      if (!known.querySelector('.conflict-note')) { known.classList.add('conflict'); known.appendChild(el('div', t('scan.differentCopy'), 'conflict-note')); }
      say(t('scan.differentCopy'));
    }
    if (certId && !known) byCertificate[certId] = li;
    // details from this hub's stored copy only when that is what was checked (a pasted copy may differ)
    var id = c.id && (found.body.id || result.outcome === 'valid') && UUID.exec(c.id);
    if (id) { var a = el('a', t('scan.details')); a.href = '/v/' + id[1] + '?lang=' + lang; li.appendChild(a); }
  }

  function check(raw) {
    var found = classify(raw);
    if (!found) { say(t('scan.notCertificate')); return; }
    if (seen[found.key]) { flash(seen[found.key]); return; }
    if (empty) { empty.remove(); empty = null; }
    var li = el('li', t('scan.checking'), 'entry');
    seen[found.key] = li;
    list.insertBefore(li, list.firstChild);
    say(t('scan.checking'));
    fetch('/verifications', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(found.body) })
      .then(function (res) { return res.json().then(function (json) { return { ok: res.ok, json: json }; }); })
      .then(function (r) {
        if (!r.ok) throw new Error(r.json.detail || r.json.title || 'HTTP error');
        say(t('verdict.' + r.json.outcome));
        show(li, r.json, found);
      })
      .catch(function (err) {
        delete seen[found.key];
        li.className = 'entry unsure';
        li.textContent = t('scan.failed', { message: err.message });
      });
  }

  var canvas = document.createElement('canvas');
  var ctx2d = canvas.getContext('2d', { willReadFrequently: true }) || canvas.getContext('2d');
  function decodeFrom(source, width, height, maxSide, inversion) {
    var scale = Math.min(1, maxSide / Math.max(width, height));
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    ctx2d.drawImage(source, 0, 0, canvas.width, canvas.height);
    var img = ctx2d.getImageData(0, 0, canvas.width, canvas.height);
    var code = decodeQr(img.data, img.width, img.height, { inversionAttempts: inversion });
    return code && code.data;
  }

  // camera: many workers in a row, each new code checked once
  var video = document.getElementById('video');
  var start = document.getElementById('start');
  var stop = document.getElementById('stop');
  var stream = null;
  var timer = null;
  function tick() {
    if (!stream) return;
    if (video.readyState >= 2 && video.videoWidth) {
      var text = decodeFrom(video, video.videoWidth, video.videoHeight, 800, 'dontInvert');
      if (text) check(text);
    }
    timer = setTimeout(tick, 250);
  }
  function stopCamera() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null; clearTimeout(timer);
    video.hidden = true; stop.hidden = true; start.hidden = false;
  }
  var canUseCamera = !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia) && !!decodeQr;
  document.getElementById('scanner').hidden = false;
  if (!canUseCamera) { start.hidden = true; say(t('scan.noCamera')); }
  start.addEventListener('click', function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(function (s) {
      stream = s; video.srcObject = s; video.hidden = false; stop.hidden = false; start.hidden = true;
      return video.play();
    }).then(tick).catch(function () { stopCamera(); say(t('scan.noCamera')); });
  });
  stop.addEventListener('click', stopCamera);

  // a photo of a QR code, for phones without camera access in the browser
  document.getElementById('photo').addEventListener('change', function (ev) {
    var file = ev.target.files && ev.target.files[0];
    if (!file || !decodeQr) return;
    var img = new Image();
    var url = URL.createObjectURL(file);
    img.onload = function () {
      var text = decodeFrom(img, img.naturalWidth, img.naturalHeight, 1600, 'attemptBoth');
      URL.revokeObjectURL(url);
      if (text) check(text); else say(t('scan.noQr'));
      ev.target.value = '';
    };
    img.onerror = function () { URL.revokeObjectURL(url); say(t('scan.noQr')); };
    img.src = url;
  });

  // paste: with script, checked in place and listed; without, the form posts to /v
  var form = document.getElementById('paste');
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var area = form.elements.credential;
    check(area.value);
    area.value = '';
  });
})();
`;
