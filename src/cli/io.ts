// What a command may touch: its streams, environment, working directory and clock — injected for tests.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  clock: () => Date;
  /** True when colour should be used on stdout. */
  color: boolean;
  /** Set when stderr is a terminal, which progress redraws in place: its width in columns. */
  terminal?: { columns: number };
  /** Resolves when a long-running command (serve) should stop. */
  untilStopped?: Promise<void>;
}

/** The exit codes, one meaning each. */
export const EXIT = { ok: 0, signals: 1, invalid: 2, failure: 3 } as const;
