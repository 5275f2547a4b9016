/** Where a command reads its working directory from and writes its output to; a test passes its own. */
export interface CliIo {
  /** Directory that relative paths on the command line are resolved against and printed relative to. */
  readonly cwd: string;
  /** Writes `text` (newlines included) to standard output. */
  out(text: string): void;
  /** Writes `text` (newlines included) to standard error. */
  err(text: string): void;
}

/** Exit codes of every command: 0 success, 1 the checked thing has problems, 2 the command itself was wrong. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** What a command group gets besides the program: the IO and a way to set the process's exit code. */
export interface CommandContext {
  readonly io: CliIo;
  setExitCode(code: number): void;
}

/** Returns the IO of the running process: its cwd, stdout and stderr. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
}
