import {
  CONTROL_RANGES,
  HIDDEN_RANGES,
  IN_SCRIPT_INVISIBLES,
  JOINING_SCRIPT_RANGES,
} from '../../domain/hidden-characters.js';

/**
 * revealHidden (../../domain/hidden-characters.ts) for the browser scripts (the scanner, the
 * centre's desk), which show names from API answers: plain ES2017, built from the domain's
 * own tables so the two cannot drift (test/domain/hidden-characters.test.ts runs both on the
 * same names). Defines `function revealHidden(text) -> { text, hidden }`.
 */
export const REVEAL_SCRIPT = `function revealHidden(s) {
  var C = ${JSON.stringify(CONTROL_RANGES)}, H = ${JSON.stringify(HIDDEN_RANGES)}, J = ${JSON.stringify(JOINING_SCRIPT_RANGES)}, Z = ${JSON.stringify(IN_SCRIPT_INVISIBLES)};
  function within(r, cp) { for (var k = 0; k < r.length; k++) { if (cp >= r[k][0] && cp <= r[k][1]) return true; } return false; }
  function inScript(cp) { return cp !== undefined && within(J, cp) && !within(H, cp) && !within(C, cp); }
  var points = Array.from(String(s), function (ch) { return ch.codePointAt(0); });
  var out = [], hidden = 0;
  for (var i = 0; i < points.length; i++) {
    var cp = points[i];
    var shown = !within(C, cp) && (!within(H, cp) || (Z.indexOf(cp) >= 0 && inScript(points[i - 1]) && inScript(points[i + 1])));
    if (shown) { out.push(String.fromCodePoint(cp)); continue; }
    hidden++;
    out.push('⟨U+' + cp.toString(16).toUpperCase().padStart(4, '0') + '⟩');
  }
  return { text: out.join(''), hidden: hidden };
}`;
