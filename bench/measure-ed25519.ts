import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import type { Measurement } from './stats.js';

/** The floor under every proof check: node:crypto Ed25519 verify of a 64-byte message, single core. */
export function measureEd25519Verify(seconds: number): Measurement {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const message = randomBytes(64);
  const signature = sign(null, message, privateKey);
  if (!verify(null, message, publicKey, signature)) throw new Error('Ed25519 self-check failed');
  for (let i = 0; i < 2000; i++) verify(null, message, publicKey, signature); // warm-up
  let count = 0;
  let ok = true;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 256; i++) ok = verify(null, message, publicKey, signature) && ok;
    count += 256;
    now = performance.now();
  }
  if (!ok) throw new Error('an Ed25519 verify failed during the run');
  const elapsed = (now - start) / 1000;
  return { opsPerSec: count / elapsed, p50Ms: null, p99Ms: null, count, seconds: elapsed };
}
