// Piscina worker entry: one proof task per call (see ./proof-work.ts).
import { runProofTask, type ProofTask } from './proof-work.js';

export default (task: ProofTask) => runProofTask(task);
