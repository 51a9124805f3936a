// Piscina worker entry: one proof task per call (see ./proof-work.ts); `sign`, `signatures` and `form` by name.
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

export default (task: ProofTask) => runProofTask(task);
export const sign = (task: SignTask) => runSignTask(task);
export const signatures = (tasks: SignatureTask[]) => runSignatureTasks(tasks);
export const form = (task: FormTask) => runFormTask(task);
