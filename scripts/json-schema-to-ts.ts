/**
 * A small JSON Schema → TypeScript emitter for what `z.toJSONSchema` produces
 * from our schemas (refs to $defs, unions, nullables, records, enums, objects).
 * Any other keyword throws, so a new zod feature cannot silently emit a wrong type.
 */

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const HANDLED = new Set([
  '$ref',
  '$id',
  '$schema',
  'anyOf',
  'oneOf',
  'const',
  'enum',
  'type',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'description',
  'default',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'title',
]);
const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
const paren = (t: string) => (t.includes(' | ') || t.includes('&') ? `(${t})` : t);
const doc = (node: Json, pad: string) =>
  typeof node.description === 'string'
    ? `${pad}/** ${node.description.replace(/\*\//g, '* /')} */\n`
    : '';

export function tsTypeOf(node: unknown, pad = ''): string {
  if (!isObj(node)) throw new Error(`not a schema: ${JSON.stringify(node)}`);
  for (const k of Object.keys(node))
    if (!HANDLED.has(k)) throw new Error(`unsupported JSON Schema keyword "${k}"`);
  if (typeof node.$ref === 'string') return node.$ref.replace('#/$defs/', '');
  const alts = node.anyOf ?? node.oneOf;
  if (Array.isArray(alts)) return [...new Set(alts.map((a) => tsTypeOf(a, pad)))].join(' | ');
  if ('const' in node) return JSON.stringify(node.const);
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(node.type))
    return node.type.map((t) => tsTypeOf({ ...node, type: t }, pad)).join(' | ');
  switch (node.type) {
    case 'string':
    case 'boolean':
    case 'null':
      return node.type;
    case 'number':
    case 'integer':
      return 'number';
    case 'array':
      return `${paren(tsTypeOf(node.items ?? {}, pad))}[]`;
    case 'object':
      return objectType(node, pad);
    case undefined:
      return 'unknown';
    default:
      throw new Error(`unsupported type ${String(node.type)}`);
  }
}

function objectType(node: Json, pad: string): string {
  const props = isObj(node.properties) ? node.properties : {};
  const required = new Set(Array.isArray(node.required) ? node.required : []);
  const extra = isObj(node.additionalProperties) ? tsTypeOf(node.additionalProperties, pad) : null;
  if (Object.keys(props).length === 0)
    return extra ? `Record<string, ${extra}>` : 'Record<string, unknown>';
  const inner = `${pad}  `;
  const lines = Object.entries(props).map(([k, v]) => {
    const optional = required.has(k) ? '' : '?';
    return `${doc(isObj(v) ? v : {}, inner)}${inner}${key(k)}${optional}: ${tsTypeOf(v, inner)};`;
  });
  if (extra) lines.push(`${inner}[key: string]: ${extra};`);
  return `{\n${lines.join('\n')}\n${pad}}`;
}
