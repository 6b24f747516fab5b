// Writes the server's messages to stdout (`--stdio`). The library's stream
// writer hands over one message per turn of the event loop, in two writes, and
// the next only once the pipe has taken the last: a scan that publishes
// thousands of files' diagnostics as it goes then either waits for the client
// to read them or leaves them queued behind each other. Here each message is
// encoded and handed to the stream when it is sent, in order, as one chunk; the
// messages of one turn leave in one write, and the stream keeps what the pipe
// cannot take yet, which goes out whenever the event loop turns (`drained` says
// when it has). Over IPC (VS Code), the library's writer already sends each
// message at once.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;
  private corked = false;

  constructor(private readonly stream: NodeJS.WritableStream & { cork(): void; uncork(): void; readonly writableNeedDrain: boolean }) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let chunk: Buffer;
    try {
      const body = Buffer.from(JSON.stringify(msg), 'utf8');
      chunk = Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]);
    } catch (error) {
      this.fireError(error as Error, msg, ++this.errorCount);
      return Promise.reject(error as Error);
    }
    if (!this.corked) {
      this.corked = true;
      this.stream.cork();
      process.nextTick(() => {
        this.corked = false;
        this.stream.uncork();
      });
    }
    return new Promise((resolve, reject) => {
      this.stream.write(chunk, (error?: Error | null) => {
        if (error) {
          this.errorCount++;
          this.fireError(error, msg, this.errorCount);
          reject(error);
        } else {
          this.errorCount = 0;
          resolve();
        }
      });
    });
  }

  /**
   * Resolves once the stream has handed everything written so far to the pipe, when it holds more
   * than its high-water mark; undefined when it does not (nothing worth waiting for).
   */
  drained(): Promise<void> | undefined {
    if (!this.stream.writableNeedDrain) return undefined;
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
    });
  }

  end(): void {
    this.stream.end();
  }
}
