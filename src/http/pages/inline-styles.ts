import { createHash } from 'node:crypto';
import { LAYOUT_CSS } from './layout.js';
import { SCAN_CSS } from './scan-page.js';
import { RECOGNITION_CSS } from './recognition-page.js';
import { CENTRE_CSS } from './centre-page.js';
import { WORKER_CSS } from './worker-page.js';
import { PROGRAMME_CSS } from './programme-page.js';
import { SURVEY_CSS } from './survey-page.js';

/**
 * Every inline <style> block a page sends. Pages keep their CSS inline (the verify page a QR
 * code opens loads nothing but itself on a slow connection), so the pages' Content-Security-
 * Policy allows exactly these blocks by hash and nothing else inline: no style attributes, no
 * injected <style>. A page with a new block adds it here (a test fails otherwise).
 */
export const INLINE_STYLES: readonly string[] = [
  LAYOUT_CSS,
  SCAN_CSS,
  RECOGNITION_CSS,
  CENTRE_CSS,
  WORKER_CSS,
  PROGRAMME_CSS,
  SURVEY_CSS,
];

/** A CSP hash source for an inline block's exact text (https://www.w3.org/TR/CSP3/#grammardef-hash-source). */
export const cspHash = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
