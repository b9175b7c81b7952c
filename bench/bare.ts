/**
 * The yardstick for the no-pause run: a bare `node:http` server in its own
 * process that reads the same webhook body, parses and checks it, and answers
 * a fixed JSON reply of the bot's size. Reports its URL over IPC.
 */
import { createServer } from 'node:http';

const REPLY = Buffer.from(
  JSON.stringify([
    {
      type: 'message',
      text: 'ログインできないとのこと、原因を一緒に確認していきましょう。',
      meta: { intent: 'login_failed', confidence: 0.879, entities: {} },
    },
    {
      type: 'message',
      text: 'いまお使いのスマホの回線はドコモ(ahamoを含む)ですか？それとも他社(au・ソフトバンク・楽天モバイル・格安SIMなど)ですか？',
      quick_replies: [
        { title: 'ドコモ・ahamo', payload: 'docomo' },
        { title: '他社', payload: 'other' },
      ],
      meta: { ask: 'carrier' },
    },
  ]),
);

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let ok: boolean;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: unknown; text?: unknown; user?: unknown };
      ok = body.type === 'message' && typeof body.text === 'string' && typeof body.user === 'string';
    } catch {
      ok = false;
    }
    if (!ok) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid message"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': REPLY.length }).end(REPLY);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'stop') stop();
});
process.on('disconnect', stop);
