// Entry of the proof worker threads (./proof-pool.ts). A built image runs the compiled
// ./proof-worker.js; a source checkout (npm start, tests) loads ./proof-worker.ts through
// tsx, which worker threads do not inherit from every runner.
import { existsSync } from 'node:fs';

const compiled = new URL('./proof-worker.js', import.meta.url);
let worker;
if (existsSync(compiled)) {
  worker = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  worker = await import(new URL('./proof-worker.ts', import.meta.url).href);
}
export default worker.default;
export const sign = worker.sign;
export const signatures = worker.signatures;
export const form = worker.form;
export const pdfQr = worker.pdfQr;
