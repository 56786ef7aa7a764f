// Splits a child's byte stream into UTF-8 text lines: tolerates writes cut anywhere, bounds the length of a line.

export interface LineSplitterOptions {
  /** Longest line kept, in bytes (without the newline); longer lines are dropped whole. */
  readonly maxLineBytes: number;
  readonly onLine: (line: string) => void;
  /** Called once per dropped line, with its full length in bytes and the start of its text (for the log). */
  readonly onOverlong: (lengthBytes: number, prefix: string) => void;
}

const NEWLINE = 0x0a;
const PREFIX_CHARS = 120;

export class LineSplitter {
  private readonly options: LineSplitterOptions;
  private chunks: Buffer[] = [];
  private pendingBytes = 0;
  /** While true the current line is over the limit: bytes are counted, not kept, until its newline. */
  private discarding = false;
  private discardedPrefix = '';

  constructor(options: LineSplitterOptions) {
    this.options = options;
  }

  /** Feeds bytes as they arrive; complete lines are delivered synchronously, in order. */
  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      if (end > start) this.append(chunk.subarray(start, end));
      if (newline === -1) return;
      this.finishLine();
      start = newline + 1;
    }
  }

  /** End of stream: a last line without its newline is still delivered (a child may exit right after writing it). */
  end(): void {
    if (this.pendingBytes > 0 || this.discarding) this.finishLine();
  }

  private append(piece: Buffer): void {
    if (this.discarding) {
      this.pendingBytes += piece.length;
      return;
    }
    if (this.pendingBytes + piece.length > this.options.maxLineBytes) {
      // Keep only a readable prefix for the log; the rest of the line is counted and dropped.
      this.discardedPrefix = Buffer.concat([...this.chunks, piece.subarray(0, 4 * PREFIX_CHARS)])
        .toString('utf8')
        .slice(0, PREFIX_CHARS);
      this.chunks = [];
      this.discarding = true;
      this.pendingBytes += piece.length;
      return;
    }
    // Stream chunks are fresh buffers, so keeping a view of one is safe.
    this.chunks.push(piece);
    this.pendingBytes += piece.length;
  }

  private finishLine(): void {
    const lengthBytes = this.pendingBytes;
    const discarded = this.discarding;
    const chunks = this.chunks;
    const prefix = this.discardedPrefix;
    this.chunks = [];
    this.pendingBytes = 0;
    this.discarding = false;
    this.discardedPrefix = '';
    if (discarded) {
      this.options.onOverlong(lengthBytes, prefix);
      return;
    }
    let line = Buffer.concat(chunks, lengthBytes).toString('utf8');
    if (line.endsWith('\r')) line = line.slice(0, -1);
    this.options.onLine(line);
  }
}
