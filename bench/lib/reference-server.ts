import { createServer } from 'node:http';
import { createInterface } from 'node:readline';

/**
 * Child process of bench/sandbox.bench.ts: the least a Node HTTP server can
 * do per request (read the request, answer a fixed 1 KiB JSON body). Its
 * requests per CPU-second on the same core, under the same load generator,
 * are the yardstick for the sandbox's figures on this machine. Same line
 * protocol as sandbox-server.ts.
 */
const body = JSON.stringify({
  id: '1001',
  properties: Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [`property_${i}`, `value ${i}`]),
  ),
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(0).toISOString(),
  archived: false,
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(
    `READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, token: 'x' })}\n`,
  );
});
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.trim() === 'cpu') process.stdout.write(`CPU ${JSON.stringify({ cpuMs: cpuMs() })}\n`);
});
input.on('close', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
