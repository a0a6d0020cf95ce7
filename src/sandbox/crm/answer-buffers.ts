/**
 * Answer buffers handed to sockets and given back once written (see
 * `JsonBytes.handOver`): copying a 50-100 KiB answer out of the reused
 * buffer into a fresh one cost more than writing it (the fresh memory faults
 * in page by page). Bounded in number and size.
 */
const spare: Buffer[] = [];
/** Buffers handed over and not given back yet (a second giveBack, or a foreign buffer, is ignored). */
const lent = new WeakSet<ArrayBufferLike>();
const MAX_SPARE = 32;
const MAX_SPARE_BYTES = 1 << 20;

/** Marks `buf` as handed to a socket and answers a buffer of at least `size` bytes to go on with. */
export function lendAndReplace(buf: Buffer, size: number): Buffer {
  lent.add(buf.buffer);
  const next = spare.pop();
  return next !== undefined && next.length >= size ? next : Buffer.allocUnsafeSlow(size);
}

/**
 * Gives back bytes from `JsonBytes.handOver` once nothing reads them any
 * more (the socket has written them).
 */
export function giveBack(bytes: Uint8Array): void {
  const whole = bytes.buffer;
  if (!lent.delete(whole)) return;
  if (whole.byteLength <= MAX_SPARE_BYTES && spare.length < MAX_SPARE)
    spare.push(Buffer.from(whole));
}
