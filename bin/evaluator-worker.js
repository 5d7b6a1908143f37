// The evaluator's worker thread: TypeScript through tsx, as in bin/plumb.js (a worker starts with no loader).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/evaluator-worker.ts");
