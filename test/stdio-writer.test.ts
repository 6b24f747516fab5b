// The server's stdio writer: every message sent is in the stream before the next
// turn of the event loop, whole, in order, with its length in bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { NotificationMessage } from 'vscode-languageserver/node';
import { StdioMessageWriter } from '../server/lsp/stdioWriter.ts';

test('messages sent in one go are in the stream before the next turn, in order, each with its byte length', async () => {
  const stream = new PassThrough();
  const writer = new StdioMessageWriter(stream);
  const messages = [1, 2, 3].map((i) => ({
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: `file:///c${i}.yaml`, diagnostics: [{ message: `unknown id ‘CC9.${i}’ — é` }] },
  }));
  const written = messages.map((m) => writer.write(m));
  // A microtask and a tick later, but before any setImmediate: the library's stream writer would have written nothing yet.
  await new Promise((resolve) => process.nextTick(resolve));
  const bytes = stream.read() as Buffer;
  const expected = Buffer.concat(
    messages.map((m) => {
      const body = Buffer.from(JSON.stringify(m), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]);
    }),
  );
  assert.equal(bytes.toString('utf8'), expected.toString('utf8'));
  await Promise.all(written);
});

test('a write to a stream that fails rejects and is reported', async () => {
  const stream = new PassThrough();
  stream.destroy();
  const writer = new StdioMessageWriter(stream);
  const errors: Error[] = [];
  writer.onError(([e]) => errors.push(e));
  const exit: NotificationMessage = { jsonrpc: '2.0', method: 'exit' };
  await assert.rejects(writer.write(exit));
  assert.equal(errors.length, 1);
});

test('drained: nothing to wait for below the stream’s high-water mark; above it, resolves once the reader has taken it all', async () => {
  const stream = new PassThrough();
  const writer = new StdioMessageWriter(stream);
  const small: NotificationMessage = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.yaml', diagnostics: [] } };
  void writer.write(small);
  assert.equal(writer.drained(), undefined);
  stream.read();
  const large: NotificationMessage = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///b.yaml', diagnostics: [{ message: 'x'.repeat(64 * 1024) }] } };
  void writer.write(large);
  const drained = writer.drained();
  assert.ok(drained);
  let done = false;
  void drained.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(done, false);
  stream.resume();
  await drained;
  assert.equal(done, true);
});
