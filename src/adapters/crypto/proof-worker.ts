// Piscina worker entry: one proof task per call (see ./proof-work.ts); `sign` by name.
import { runProofTask, runSignTask, type ProofTask, type SignTask } from './proof-work.js';

export default (task: ProofTask) => runProofTask(task);
export const sign = (task: SignTask) => runSignTask(task);
