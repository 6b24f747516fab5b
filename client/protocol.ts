// The server's custom requests, from the one definition both sides use.
export * from '../server/lsp/protocol.ts';
