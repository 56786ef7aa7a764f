// Where the CLI writes: injectable streams so commands can be tested without a terminal.

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  readonly isTTY: boolean;
  readonly stderr: NodeJS.WriteStream | null;
}

export function processOutput(): CliOutput {
  // A reader that stops early (`carve spaces | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    isTTY: process.stderr.isTTY === true,
    stderr: process.stderr,
  };
}
