import type { z } from 'zod';
import type { batchUpdateInput } from './schemas.js';

/**
 * Hand-written readers for the largest request bodies the app sends (batch
 * update: 100 inputs with their properties), where zod's generic parse costs
 * as much as the update itself. They accept only input the zod schema accepts
 * and give the same result; anything else answers undefined, and the caller
 * parses with zod, which words the error.
 */

type Scalar = string | number | boolean | null;
type BatchUpdate = z.infer<typeof batchUpdateInput>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): v is Scalar {
  return (
    v === null ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v))
  );
}

/** `propertiesInput.default({})`: a record of scalars, copied. */
function readProperties(v: unknown): Record<string, Scalar> | undefined {
  if (v === undefined) return {};
  if (!isPlainObject(v)) return undefined;
  const out: Record<string, Scalar> = {};
  for (const key of Object.keys(v)) {
    const x = v[key];
    // '__proto__' would set the prototype on assignment: leave that body to zod.
    if (!isScalar(x) || key === '__proto__') return undefined;
    out[key] = x;
  }
  return out;
}

const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';

/** `batchUpdateInput.parse(body)` for well-formed bodies; undefined otherwise. */
export function readBatchUpdate(body: unknown): BatchUpdate | undefined {
  if (!isPlainObject(body) || !Array.isArray(body.inputs)) return undefined;
  const inputs: BatchUpdate['inputs'] = [];
  for (const input of body.inputs as unknown[]) {
    if (!isPlainObject(input)) return undefined;
    const { id, idProperty, objectWriteTraceId } = input;
    if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id)))
      return undefined;
    if (!optionalString(idProperty) || !optionalString(objectWriteTraceId)) return undefined;
    const properties = readProperties(input.properties);
    if (!properties) return undefined;
    inputs.push({
      properties,
      ...(objectWriteTraceId !== undefined
        ? { objectWriteTraceId: objectWriteTraceId as string }
        : {}),
      id: String(id),
      ...(idProperty !== undefined ? { idProperty: idProperty as string } : {}),
    });
  }
  return { inputs };
}
