import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ProofCheck } from './eddsa-rdfc-2022.js';
import { runProofTask, runSignTask, type ProofTask, type SignTask } from './proof-work.js';

/**
 * Where Data Integrity proof work runs: a worker-thread pool sized to the machine, so the
 * event loop stays free for requests while both cores canonicalise; or inline (tests, CLI,
 * SKILLPASS_PROOF_THREADS=0). A full queue is refused at once (back-pressure), never queued
 * without bound.
 */
export class ProofPoolFullError extends Error {
  readonly code = 'overloaded';
  constructor() { super('The verification queue is full.'); }
}

export interface ProofRunner {
  run(task: ProofTask): Promise<ProofCheck>;
  /** resolves to the proof for the credential */
  sign(task: SignTask): Promise<Record<string, unknown>>;
  close(): Promise<void>;
  readonly threads: number;
}

export const inlineProofRunner: ProofRunner = { run: runProofTask, sign: runSignTask, close: async () => undefined, threads: 0 };

export function createProofPool(threads = availableParallelism(), maxQueue = 512): ProofRunner {
  if (threads <= 0) return inlineProofRunner;
  const filename = new URL('./proof-worker-entry.mjs', import.meta.url).href;
  // bounded heaps: the work is short-lived garbage, and resident memory is part of the product
  const pool = new Piscina({ filename, minThreads: threads, maxThreads: threads, maxQueue, idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 } });
  const roomFor = () => { if (pool.queueSize >= maxQueue) throw new ProofPoolFullError(); };
  return {
    threads,
    async run(task) {
      roomFor();
      return pool.run(task) as Promise<ProofCheck>;
    },
    async sign(task) {
      roomFor();
      return pool.run(task, { name: 'sign' }) as Promise<Record<string, unknown>>;
    },
    close: () => pool.destroy(),
  };
}
