// A minimal LSP client for tests: spawns the bundled server over stdio and
// drives it like an editor would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as nodePath from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

const SERVER = nodePath.resolve(import.meta.dirname, '../../dist/server.cjs');

export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publishDiagnostics notification in order, for tests that count them. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every window/logMessage, as "<type> <message>" (1 is an error). */
  readonly logs: string[] = [];
  /** Work-done progress as it arrived: the token's creation, then its begin, report and end values. */
  readonly progress: Array<{ token: string | number; value: Record<string, unknown> }> = [];
  /** Notifications in the order they arrived: "publish <uri>", "progress <kind>", "log <message>", "changed". */
  readonly order: string[] = [];
  private readonly waiters: Array<() => void> = [];
  private versions = new Map<string, number>();
  stderr = '';

  private constructor(
    readonly root: string,
    private readonly proc: ChildProcessWithoutNullStreams,
    readonly conn: MessageConnection,
  ) {}

  static async start(
    root: string,
    env: Record<string, string> = {},
    opts: { workspaceFolders?: boolean; extraFolders?: string[]; initializationOptions?: object; capabilities?: object } = {},
  ): Promise<LspClient> {
    const folders = opts.workspaceFolders ?? true;
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root, env: { ...process.env, CROSSWALK_TODAY: '2026-11-24', ...env } });
    proc.stdin.on('error', () => undefined); // a write racing the server's exit is not a test failure
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new LspClient(root, proc, conn);
    proc.stderr.on('data', (d: Buffer) => (client.stderr += d.toString()));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push(p);
      client.order.push(`publish ${p.uri}`);
      client.diagnostics.set(p.uri, p.diagnostics);
      client.wake();
    });
    conn.onNotification('window/logMessage', (m: { type: number; message: string }) => {
      client.logs.push(`${m.type} ${m.message}`);
      client.order.push(`log ${m.message}`);
    });
    conn.onNotification('crosswalk/changed', () => {
      client.order.push('changed');
      client.wake();
    });
    conn.onRequest('workspace/configuration', () => []);
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => void client.progress.push({ token: p.token, value: { kind: 'create' } }));
    conn.onNotification('$/progress', (p: { token: string | number; value: Record<string, unknown> }) => {
      client.progress.push(p);
      client.order.push(`progress ${String(p.value.kind)}`);
      client.wake();
    });
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      ...(folders ? { workspaceFolders: [root, ...(opts.extraFolders ?? [])].map((f) => ({ uri: URI.file(f).toString(), name: nodePath.basename(f) })) } : {}),
      ...(opts.initializationOptions ? { initializationOptions: opts.initializationOptions } : {}),
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true }, hover: { contentFormat: ['markdown'] } }, workspace: { workspaceFolders: folders }, ...opts.capabilities },
    });
    conn.sendNotification('initialized', {});
    return client;
  }

  uri(path: string): string {
    return URI.file(nodePath.join(this.root, path)).toString();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `check` holds, re-checking after every notification. */
  async until(check: () => boolean, what: string, timeoutMs = 15000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  diagnosticsOf(path: string): Diagnostic[] {
    return this.diagnostics.get(this.uri(path)) ?? [];
  }

  open(path: string, text: string, languageId = path.endsWith('.md') ? 'markdown' : 'yaml'): void {
    this.versions.set(path, 1);
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(path), languageId, version: 1, text } });
  }

  change(path: string, text: string): void {
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(path), version }, contentChanges: [{ text }] });
  }

  close(path: string): void {
    this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(path) } });
  }

  /** Tells the server files changed on disk (1 created, 2 changed, 3 deleted). */
  watched(changes: Array<{ path: string; type: 1 | 2 | 3 }>): void {
    this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: this.uri(c.path), type: c.type })) });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit').catch(() => undefined);
    } catch {
      // already gone
    }
    this.conn.dispose();
    this.proc.kill();
  }
}
