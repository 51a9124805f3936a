// Piscina worker entry: one proof task per call (see ./proof-work.ts); `sign` and `signatures` by name.
import { runProofTask, runSignatureTasks, runSignTask, type ProofTask, type SignatureTask, type SignTask } from './proof-work.js';

export default (task: ProofTask) => runProofTask(task);
export const sign = (task: SignTask) => runSignTask(task);
export const signatures = (tasks: SignatureTask[]) => runSignatureTasks(tasks);
