import { availableParallelism } from 'node:os';
import { SkillPassError } from '../../../domain/errors.js';
import { Piscina } from 'piscina';
import type { FormVerdict } from '../../../services/crypto-ports.js';
import type { PdfQr } from '../../../services/format-ports.js';
import { pdfQrOf, readPdfQr, type PdfQrResult } from '../../pdf/pdf-qr-reader.js';
import {
  runFormTask,
  runProofTask,
  runSignatureTasks,
  runSignTask,
  type DataIntegrityCheck,
  type FormTask,
  type ProofTask,
  type SignatureTask,
  type SignTask,
} from './proof-work.js';

/**
 * Where Data Integrity proof work runs: a worker-thread pool sized to the machine, so the
 * event loop stays free for requests while both cores canonicalise; or inline (tests, CLI,
 * SKILLPASS_PROOF_THREADS=0). A full queue is refused at once (back-pressure), never queued
 * without bound.
 */
/** A full queue: the service's fault, worth retrying shortly (503 with Retry-After over HTTP). */
const poolFull = (): SkillPassError => new SkillPassError('overloaded', 'The verification queue is full.');

export interface ProofRunner {
  /** an eddsa-rdfc-2022 check, with the compact-form verdict of the same credential */
  run(task: ProofTask): Promise<DataIntegrityCheck>;
  /** the compact-form check alone */
  checkForm(task: FormTask): Promise<FormVerdict>;
  /** resolves to the proof for the credential */
  sign(task: SignTask): Promise<Record<string, unknown>>;
  /** one Ed25519 signature check (a JWT's) */
  verifySignature(task: SignatureTask): Promise<boolean>;
  /**
   * the QR code of an uploaded certificate PDF (../../pdf/pdf-qr-reader.ts): tens to hundreds of
   * milliseconds of parsing and QR decoding, kept off the event loop like a proof
   */
  readPdfQr(pdf: Buffer): Promise<PdfQr>;
  close(): Promise<void>;
  readonly threads: number;
}

export const inlineProofRunner: ProofRunner = {
  run: runProofTask,
  checkForm: runFormTask,
  sign: runSignTask,
  verifySignature: async (task) => runSignatureTasks([task])[0]!,
  readPdfQr: async (pdf) => readPdfQr(pdf),
  close: async () => undefined,
  threads: 0,
};

/** Signature checks asked for in one turn of the event loop go to a worker as one message, up to this many. */
const SIGNATURES_PER_MESSAGE = 64;

export function createProofPool(threads = availableParallelism(), maxQueue = 512): ProofRunner {
  if (threads <= 0) return inlineProofRunner;
  const filename = new URL('./proof-worker-entry.mjs', import.meta.url).href;
  // bounded heaps: the work is short-lived garbage, and resident memory is part of the product
  const pool = new Piscina({
    filename,
    minThreads: threads,
    maxThreads: threads,
    maxQueue,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 },
  });
  const roomFor = () => {
    if (pool.queueSize >= maxQueue) throw poolFull();
  };
  // Handing one signature check to a thread costs the event loop about 20 µs, a third of the
  // check itself (measured): the checks started in one event-loop turn travel together.
  let waiting: { task: SignatureTask; resolve: (ok: boolean) => void; reject: (e: unknown) => void }[] = [];
  const sendSignatures = () => {
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    if (pool.queueSize >= maxQueue) {
      const full = poolFull();
      batch.forEach((w) => w.reject(full));
      return;
    }
    (
      pool.run(
        batch.map((w) => w.task),
        { name: 'signatures' },
      ) as Promise<boolean[]>
    ).then(
      (verdicts) => batch.forEach((w, i) => w.resolve(verdicts[i] === true)),
      (e: unknown) => batch.forEach((w) => w.reject(e)),
    );
  };
  return {
    threads,
    async run(task) {
      roomFor();
      return pool.run(task) as Promise<DataIntegrityCheck>;
    },
    async checkForm(task) {
      roomFor();
      return pool.run(task, { name: 'form' }) as Promise<FormVerdict>;
    },
    async sign(task) {
      roomFor();
      return pool.run(task, { name: 'sign' }) as Promise<Record<string, unknown>>;
    },
    async verifySignature(task) {
      if (waiting.length === 0) roomFor(); // a batch takes one place in the queue
      return new Promise<boolean>((resolve, reject) => {
        if (waiting.push({ task, resolve, reject }) === 1) setImmediate(sendSignatures);
        else if (waiting.length >= SIGNATURES_PER_MESSAGE) sendSignatures();
      });
    },
    async readPdfQr(pdf) {
      roomFor();
      return pdfQrOf((await pool.run(pdf, { name: 'pdfQr' })) as PdfQrResult);
    },
    close: () => pool.destroy(),
  };
}
