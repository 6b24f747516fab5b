// The LSP lifecycle the specification asks for, which vscode-languageserver
// does not enforce: before `initialize`, requests fail with
// ServerNotInitialized and notifications other than `exit` are dropped; after
// `shutdown`, requests fail with InvalidRequest.
import { ErrorCodes, ResponseError, type Connection, type Message, type MessageStrategy, type RequestMessage } from 'vscode-languageserver/node';

/** A request refused by the lifecycle is renamed to this method, whose handler answers with the error. */
const REFUSED = '$/crosswalk/refused';

type State = 'new' | 'running' | 'shut down';

export function lifecycle(): { messageStrategy: MessageStrategy; register(connection: Connection): void } {
  let state: State = 'new';
  const messageStrategy: MessageStrategy = {
    handleMessage(message: Message, next: (message: Message) => void): void {
      const m = message as Partial<RequestMessage>;
      if (typeof m.method !== 'string') return next(message); // a response to one of our requests
      const isRequest = m.id !== undefined && m.id !== null;
      if (m.method === 'exit') return next(message);
      if (state === 'new') {
        if (m.method === 'initialize') {
          state = 'running';
          return next(message);
        }
        if (!isRequest) return; // dropped, as the specification asks
        return next({ ...m, method: REFUSED, params: { code: ErrorCodes.ServerNotInitialized, message: `the server is not initialized: send 'initialize' before '${m.method}'` } } as Message);
      }
      if (state === 'shut down' && isRequest)
        return next({ ...m, method: REFUSED, params: { code: ErrorCodes.InvalidRequest, message: `the server is shut down: '${m.method}' is not answered; send 'exit'` } } as Message);
      if (m.method === 'shutdown') state = 'shut down';
      next(message);
    },
  };
  return {
    messageStrategy,
    register(connection: Connection): void {
      connection.onRequest(REFUSED, (p: { code: number; message: string }) => {
        throw new ResponseError(p.code, p.message);
      });
    },
  };
}
