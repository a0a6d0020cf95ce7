import type { z } from 'zod';
import type { associationsReadInput, batchReadInput, batchUpdateInput } from './schemas.js';

/**
 * Hand-written readers for the largest request bodies the app sends (batch
 * update: 100 inputs with their properties), where zod's generic parse costs
 * as much as the update itself. They accept only input the zod schema accepts
 * and give the same result; anything else answers undefined, and the caller
 * parses with zod, which words the error.
 */

type Scalar = string | number | boolean | null;
type BatchUpdate = z.infer<typeof batchUpdateInput>;
type BatchRead = z.infer<typeof batchReadInput>;
type AssociationsRead = z.infer<typeof associationsReadInput>;

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

/** `z.union([z.string(), z.number()]).transform(String)`, or undefined. */
function idText(v: unknown): string | undefined {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))
    ? String(v)
    : undefined;
}

/** `z.array(z.string())`, copied, or undefined. */
function strings(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const x of v as unknown[]) if (typeof x !== 'string') return undefined;
  return [...(v as string[])];
}

/** `batchReadInput.parse(body)` for well-formed bodies; undefined otherwise. */
export function readBatchRead(body: unknown): BatchRead | undefined {
  if (!isPlainObject(body) || !Array.isArray(body.inputs)) return undefined;
  const { idProperty } = body;
  const properties = body.properties === undefined ? [] : strings(body.properties);
  const history =
    body.propertiesWithHistory === undefined ? undefined : strings(body.propertiesWithHistory);
  if (!properties || (body.propertiesWithHistory !== undefined && !history)) return undefined;
  if (!optionalString(idProperty)) return undefined;
  const inputs: BatchRead['inputs'] = [];
  for (const input of body.inputs as unknown[]) {
    const id = isPlainObject(input) ? idText(input.id) : undefined;
    if (id === undefined) return undefined;
    inputs.push({ id });
  }
  return {
    inputs,
    properties,
    ...(history !== undefined ? { propertiesWithHistory: history } : {}),
    ...(idProperty !== undefined ? { idProperty: idProperty as string } : {}),
  };
}

/** `associationsReadInput.parse(body)` for well-formed bodies; undefined otherwise. */
export function readAssociationsRead(body: unknown): AssociationsRead | undefined {
  if (!isPlainObject(body) || !Array.isArray(body.inputs)) return undefined;
  const inputs: AssociationsRead['inputs'] = [];
  for (const input of body.inputs as unknown[]) {
    const id = isPlainObject(input) ? idText(input.id) : undefined;
    if (id === undefined || !isPlainObject(input) || !optionalString(input.after)) return undefined;
    inputs.push(input.after !== undefined ? { id, after: input.after as string } : { id });
  }
  return { inputs };
}
