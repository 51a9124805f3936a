// Piscina worker entry: one proof task per call (see ./proof-work.ts); `sign`, `signatures`, `form` and `pdfQr` (a certificate PDF's QR code) by name.
import {
  runFormTask,
  runProofTask,
  runSignatureTasks,
  runSignTask,
  type FormTask,
  type ProofTask,
  type SignatureTask,
  type SignTask,
} from './proof-work.js';
import { readPdfQrResult } from '../../pdf/pdf-qr-reader.js';

export default (task: ProofTask) => runProofTask(task);
export const sign = (task: SignTask) => runSignTask(task);
export const signatures = (tasks: SignatureTask[]) => runSignatureTasks(tasks);
export const form = (task: FormTask) => runFormTask(task);
export const pdfQr = (pdf: Uint8Array) => readPdfQrResult(pdf);
