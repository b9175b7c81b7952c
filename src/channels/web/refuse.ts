import type { Duplex } from 'node:stream';

/** Answers a websocket upgrade with an HTTP status and closes the socket. */
export const refuse = (socket: Duplex, status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
