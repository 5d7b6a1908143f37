// Progress of a long command, on stderr: on a terminal one bar redrawn in place (cli-progress), elsewhere a
// line per step, so a log or a pipe keeps every step and a person watching sees one line move.
import { SingleBar } from "cli-progress";
import type { Writable } from "node:stream";
import type { CliIo } from "./io.ts";

export interface Progress {
  /** `done` units of `total` (null when the source does not say how many there are), and what was last done. */
  update(done: number, total: number | null, detail?: string): void;
  /** Ends the bar, leaving its last state on its line. Safe to call more than once, or with no update. */
  stop(): void;
}

/** stderr as cli-progress sees a stream: every write goes through `io.stderr`. */
function terminalStream(io: CliIo, columns: number): Writable {
  return {
    isTTY: true,
    columns,
    write: (text: string) => (io.stderr(text), true),
  } as unknown as Writable;
}

/** Progress for `label` (`jira`), counting in `unit` (`issues read`). */
export function progress(io: CliIo, label: string, unit: string): Progress {
  const terminal = io.terminal;
  if (!terminal) {
    return {
      update: (done, total, detail) =>
        io.stderr(
          `${label}: ${done}${total !== null ? ` of ${total}` : ""} ${unit}${detail ? ` (${detail})` : ""}\n`,
        ),
      stop: () => {},
    };
  }
  let bar: SingleBar | null = null;
  return {
    update(done, total, detail = "") {
      if (bar === null) {
        // A count with no total has nothing to fill: the line shows the count alone.
        const shape = total !== null ? `[{bar}] {value} of {total}` : `{value}`;
        bar = new SingleBar({
          stream: terminalStream(io, terminal.columns),
          format: `${label}: ${shape} ${unit}{detail}`,
          barsize: 24,
          barCompleteChar: "█",
          barIncompleteChar: "░",
          hideCursor: false,
          linewrap: false,
          // Redrawn as updates arrive (at most ten times a second); stop() ends its timer.
          synchronousUpdate: true,
          fps: 10,
        });
        bar.start(total ?? 0, done, { detail: "" });
      }
      if (total !== null) bar.setTotal(total);
      bar.update(done, { detail: detail ? ` (${detail})` : "" });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
