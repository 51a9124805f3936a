import { REVEAL_SCRIPT } from './reveal-script.js';

/**
 * The /scan page's script, served as /assets/scan-<hash>.js. Plain ES2017 for old phone
 * browsers, no framework, no build step. It reads QR codes from the camera or a photo with
 * jsQR (served by this hub), classifies what the code holds (a verification URL, an `SKP1:`
 * credential, a JWT, credential JSON) and checks each one with POST /verifications, newest
 * first in a running list. A certificate PDF is sent to POST /scan/pdf, which answers the QR
 * code it holds. After each scan (not a paste: the list is in view at a desk) a full-screen
 * verdict that a tap or a key dismisses, a tone (Web Audio) and a vibration where allowed;
 * a running count; the session as CSV. The page's texts come from the JSON in #scan-texts.
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

  // the verdict's kind: green valid, red not valid, amber for a suspension (it may end) or no answer
  function kindOf(result) {
    if (result.outcome === 'valid') return 'ok';
    if (result.outcome !== 'invalid') return 'warn';
    var failed = result.checks.filter(function (c) { return c.outcome === 'invalid'; });
    return failed.length && failed.every(function (c) { return c.code === 'suspended'; }) ? 'warn' : 'bad';
  }
  var ICON = { ok: '\u2713', bad: '\u2717', warn: '!' };

  // sound and vibration, where the phone allows (an AudioContext starts only after a tap: unlockAudio)
  var audio = null;
  function unlockAudio() {
    try {
      var A = window.AudioContext || window.webkitAudioContext;
      if (!audio && A) audio = new A();
      if (audio && audio.state === 'suspended') audio.resume();
    } catch (e) { audio = null; }
  }
  var TONES = { ok: [[880, 0, 0.12], [1320, 0.15, 0.18]], bad: [[220, 0, 0.5]], warn: [[587, 0, 0.15], [587, 0.3, 0.15]] };
  function signal(kind) {
    try {
      if (audio) TONES[kind].forEach(function (s) {
        var osc = audio.createOscillator(), gain = audio.createGain();
        osc.type = kind === 'bad' ? 'square' : 'sine';
        osc.frequency.value = s[0];
        gain.gain.value = 0.2;
        osc.connect(gain); gain.connect(audio.destination);
        osc.start(audio.currentTime + s[1]); osc.stop(audio.currentTime + s[1] + s[2]);
      });
    } catch (e) { /* no sound: the screen says it */ }
    try { if (navigator.vibrate) navigator.vibrate(kind === 'ok' ? 100 : kind === 'bad' ? [300, 100, 300] : [150, 100, 150]); } catch (e) { /* not allowed */ }
  }

  // the full-screen verdict; a tap anywhere or any key dismisses it
  var overlay = document.getElementById('overlay');
  var closeButton = document.getElementById('overlay-close');
  var focusBefore = null;
  function showOverlay(kind, title, name, qualification, why) {
    document.getElementById('overlay-icon').textContent = ICON[kind];
    document.getElementById('overlay-title').textContent = title;
    var nameEl = document.getElementById('overlay-name');
    nameEl.textContent = '';
    if (name) nameEl.appendChild(el('bdi', name));
    document.getElementById('overlay-qual').textContent = qualification || '';
    document.getElementById('overlay-why').textContent = why || '';
    overlay.className = 'overlay ' + kind;
    overlay.setAttribute('data-kind', kind);
    if (overlay.hidden) focusBefore = document.activeElement;
    overlay.hidden = false;
    closeButton.focus();
    signal(kind);
  }
  function hideOverlay() {
    if (overlay.hidden) return;
    overlay.hidden = true;
    if (focusBefore && focusBefore.focus) focusBefore.focus();
  }
  overlay.addEventListener('click', hideOverlay);
  document.addEventListener('keydown', function (ev) { if (!overlay.hidden) { ev.preventDefault(); hideOverlay(); } });

  // the session: one record per entry, counted and exported as CSV
  var summary = document.getElementById('summary');
  var exportButton = document.getElementById('export');
  function records() {
    var out = [];
    for (var n = list.lastElementChild; n; n = n.previousElementSibling) if (n.record) out.push(n.record);
    return out; // oldest first
  }
  function recount() {
    var counts = { valid: 0, invalid: 0, unsure: 0 };
    records().forEach(function (r) { counts[r.outcome === 'valid' ? 'valid' : r.outcome === 'invalid' ? 'invalid' : 'unsure']++; });
    summary.textContent = t('scan.summary', counts);
    summary.setAttribute('data-valid', counts.valid); summary.setAttribute('data-invalid', counts.invalid); summary.setAttribute('data-unsure', counts.unsure);
    summary.hidden = false; exportButton.hidden = false;
  }
  // a cell a spreadsheet would run as a formula (= + - @, or a tab or return first) starts with ' instead (OWASP CSV injection)
  function csvCell(value) {
    var text = String(value == null ? '' : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function sessionCsv() {
    var rows = [['scanned at', 'outcome', 'state/code', 'worker', 'qualification', 'certificate id']];
    records().forEach(function (r) { rows.push([r.scannedAt, r.outcome, r.code, r.worker, r.qualification, r.certificateId]); });
    return rows.map(function (row) { return row.map(csvCell).join(','); }).join('\r\n') + '\r\n';
  }
  exportButton.addEventListener('click', function () {
    var blob = new Blob(['\ufeff' + sessionCsv()], { type: 'text/csv;charset=utf-8' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'skillpass-scans-' + new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-') + '.csv';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });

  var UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;
  function classify(raw) {
    var text = String(raw || '').trim();
    if (!text) return null;
    // a credential QR text, a JWT, or a wallet's SD-JWT VC presentation (<jwt>~<disclosures>~[<kb-jwt>])
    if (/^skp1:/i.test(text) || /^[\w-]+\.[\w-]+\.[\w-]+$/.test(text) || /^[\w-]+\.[\w-]+\.[\w-]*~[\w.~-]*$/.test(text)) return { body: { credential: text }, key: 'c:' + text };
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

  function failureCode(result) {
    for (var i = 0; i < result.checks.length; i++) {
      var c = result.checks[i];
      if (c.outcome === 'invalid' || c.outcome === 'indeterminate') return c.code || c.id;
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
    var kind = kindOf(result);
    li.textContent = '';
    li.className = 'entry ' + (kind === 'warn' ? 'unsure' : kind);
    li.setAttribute('data-outcome', result.outcome);
    li.setAttribute('data-kind', kind);
    var c = result.credential || {};
    li.appendChild(el('strong', t('verdict.' + result.outcome), 'verdict-word'));
    var shown = c.holderName ? revealHidden(c.holderName) : { text: '', hidden: false };
    if (c.holderName) {
      li.appendChild(document.createTextNode(' ')); li.appendChild(el('bdi', shown.text, 'name'));
      if (shown.hidden) li.appendChild(el('div', t('name.hidden'), 'why hidden-name'));
    }
    var qualification = (c.qualificationTitle || '') + (c.qualification ? ' (' + c.qualification + ')' : '');
    if (c.qualificationTitle || c.qualification) li.appendChild(el('div', qualification, 'qual'));
    var why = failureText(result);
    if (why) li.appendChild(el('div', why, 'why'));
    if (known && known !== li) {
      // another copy of a certificate already in the list, and they do not agree: say so on both
      li.classList.add('conflict');
      li.appendChild(el('div', t('scan.differentCopy'), 'conflict-note'));
      if (!known.querySelector('.conflict-note')) { known.classList.add('conflict'); known.appendChild(el('div', t('scan.differentCopy'), 'conflict-note')); }
      say(t('scan.differentCopy'));
      why = t('scan.differentCopy') + (why ? ' ' + why : '');
    }
    if (shown.hidden) why = t('name.hidden') + (why ? ' ' + why : '');
    li.record = { scannedAt: found.at, outcome: result.outcome, code: failureCode(result), worker: shown.text, qualification: qualification, certificateId: certId || '' };
    recount();
    if (found.via !== 'paste') showOverlay(kind, t('verdict.' + result.outcome), shown.text, qualification, why);
    if (certId && !known) byCertificate[certId] = li;
    // details from this hub's stored copy only when that is what was checked (a pasted copy may differ)
    var id = c.id && (found.body.id || result.outcome === 'valid') && UUID.exec(c.id);
    if (id) { var a = el('a', t('scan.details')); a.href = '/v/' + id[1] + '?lang=' + lang; li.appendChild(a); }
  }

  function check(raw, via) {
    var found = classify(raw);
    if (!found) { say(t('scan.notCertificate')); return; }
    found.via = via;
    found.at = new Date().toISOString();
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
        li.record = { scannedAt: found.at, outcome: 'error', code: err.message, worker: '', qualification: '', certificateId: '' };
        recount();
        if (found.via !== 'paste') showOverlay('warn', t('verdict.indeterminate'), '', '', li.textContent);
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
      if (text) check(text, 'camera');
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
    unlockAudio();
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(function (s) {
      stream = s; video.srcObject = s; video.hidden = false; stop.hidden = false; start.hidden = true;
      return video.play();
    }).then(tick).catch(function () { stopCamera(); say(t('scan.noCamera')); });
  });
  stop.addEventListener('click', stopCamera);

  // a picture of a QR code (a photo taken now, or a file)
  function readImage(file) {
    if (!decodeQr) return;
    var img = new Image();
    var url = URL.createObjectURL(file);
    img.onload = function () {
      var text = decodeFrom(img, img.naturalWidth, img.naturalHeight, 1600, 'attemptBoth');
      URL.revokeObjectURL(url);
      if (text) check(text, 'file'); else say(t('scan.noQr'));
    };
    img.onerror = function () { URL.revokeObjectURL(url); say(t('scan.noQr')); };
    img.src = url;
  }
  // a certificate PDF: the hub reads its QR code (POST /scan/pdf), then it is checked like any code
  function readPdf(file) {
    say(t('scan.readingPdf'));
    fetch('/scan/pdf', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: file })
      .then(function (res) { return res.json().then(function (json) { return { ok: res.ok, json: json }; }); })
      .then(function (r) { if (r.ok && r.json.payload) check(r.json.payload, 'file'); else say(t('scan.noQrPdf')); })
      .catch(function () { say(t('scan.noQrPdf')); });
  }
  function onFile(ev) {
    var file = ev.target.files && ev.target.files[0];
    ev.target.value = '';
    if (!file) return;
    unlockAudio();
    if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) readPdf(file); else readImage(file);
  }
  document.getElementById('photo').addEventListener('change', onFile);
  document.getElementById('upload').addEventListener('change', onFile);

  // paste: with script, checked in place and listed; without, the form posts to /v
  var form = document.getElementById('paste');
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var area = form.elements.credential;
    check(area.value, 'paste');
    area.value = '';
  });
})();
`;
