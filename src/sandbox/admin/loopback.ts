import type { RequestHandler } from 'express';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The admin API has no token; it answers only calls from this machine. */
export const loopbackOnly: RequestHandler = (req, res, next) => {
  const address = req.socket.remoteAddress ?? '';
  if (LOOPBACK.has(address) || address.startsWith('127.')) return next();
  res
    .status(403)
    .json({ status: 'error', message: 'The sandbox admin API answers loopback calls only' });
};
