import { Writable } from 'node:stream';
import { childLogger, createLogger, redactUrl } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('logger', () => {
  test('redacts tokens, secrets, authorization headers and OAuth codes', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        access_token: 'AT-123',
        code: 'oauth-code-456',
        tokens: { refresh_token: 'RT-789', nested: { client_secret: 'CS-000' } },
        headers: { authorization: 'Bearer AT-123', 'x-hubspot-signature-v3': 'SIG-value-1' },
        req: {
          method: 'GET',
          url: '/oauth/callback?code=oauth-code-456&state=s1',
          headers: { authorization: 'Bearer x' },
        },
        err: Object.assign(new Error('failed'), { code: 'ECONNRESET' }),
      },
      'hello',
    );
    const text = lines.join('');
    for (const secret of ['AT-123', 'oauth-code-456', 'RT-789', 'CS-000', 'SIG-value-1', 'Bearer'])
      expect(text).not.toContain(secret);
    const line = JSON.parse(lines[0]) as { err: { code: string }; req: { url: string } };
    expect(line.err.code).toBe('ECONNRESET');
    expect(line.req.url).toMatch(/^\/oauth\/callback\?code=.*redacted/);
  });

  test('child loggers carry the portal and request/job ids', () => {
    const { lines, logger } = capture();
    childLogger(logger, { portalId: 42, jobId: 'j-1', requestId: undefined }).info('step');
    expect(JSON.parse(lines[0])).toMatchObject({ portalId: 42, jobId: 'j-1', msg: 'step' });
    expect(JSON.parse(lines[0])).not.toHaveProperty('requestId');
  });

  test('redactUrl keeps other query parameters', () => {
    expect(redactUrl('/cb?code=abc&x=1')).toBe('/cb?code=%5Bredacted%5D&x=1');
    expect(redactUrl('/plain')).toBe('/plain');
  });
});
