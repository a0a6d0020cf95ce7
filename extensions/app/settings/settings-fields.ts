import type { JsonSchemaNode } from './shared/generated/settings-schema.js';
import { settingsJsonSchema } from './shared/generated/settings-schema.js';

/**
 * The settings form is built from the generated JSON Schema, so every setting
 * of `settingsSchema` gets a field (a test checks each one has a label in both
 * languages). A few paths need a picker instead of the plain input their type
 * implies: owners, and the buying-role map.
 */

export type FieldKind =
  | 'number'
  | 'integer'
  | 'toggle'
  | 'select'
  | 'multiselect'
  | 'text'
  | 'owner'
  | 'owners'
  | 'roleMap';

export interface FieldSpec {
  kind: 'field';
  path: string[];
  field: FieldKind;
  node: JsonSchemaNode;
  /** Choices of a select or multiselect. */
  options: string[];
}

export interface GroupSpec {
  kind: 'group';
  path: string[];
  children: (FieldSpec | GroupSpec)[];
}

const special: Record<string, FieldKind> = {
  'alerts.fallbackOwnerId': 'owner',
  'alerts.escalationOwnerIds': 'owners',
  'mapping.buyingRoleFallback': 'roleMap',
};

const typesOf = (node: JsonSchemaNode): string[] =>
  node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
const enumOf = (node: JsonSchemaNode | undefined): string[] =>
  (node?.enum ?? []).filter((v): v is string => typeof v === 'string');

function fieldKind(node: JsonSchemaNode, key: string): FieldKind {
  const fixed = special[key];
  if (fixed) return fixed;
  const types = typesOf(node);
  if (node.enum) return 'select';
  if (types.includes('array')) return 'multiselect';
  if (types.includes('boolean')) return 'toggle';
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  if (types.includes('string')) return 'text';
  throw new Error(`settings field ${key} has a type the form cannot show`);
}

function specOf(node: JsonSchemaNode, path: string[]): FieldSpec | GroupSpec {
  const key = path.join('.');
  if (node.properties && !special[key]) {
    return {
      kind: 'group',
      path,
      children: Object.entries(node.properties).map(([k, child]) => specOf(child, [...path, k])),
    };
  }
  const field = fieldKind(node, key);
  const options = field === 'multiselect' ? enumOf(node.items) : enumOf(node);
  return { kind: 'field', path, field, node, options };
}

/** One tab per top-level object; the top-level scalars make the "general" tab. */
export function settingsTabs(
  schema: JsonSchemaNode = settingsJsonSchema,
): { id: string; children: (FieldSpec | GroupSpec)[] }[] {
  const general: (FieldSpec | GroupSpec)[] = [];
  const tabs: { id: string; children: (FieldSpec | GroupSpec)[] }[] = [
    { id: 'general', children: general },
  ];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const spec = specOf(child, [key]);
    if (spec.kind === 'group') tabs.push({ id: key, children: spec.children });
    else general.push(spec);
  }
  return tabs;
}

/** Every leaf field, for tests and for counting errors per tab. */
export function allFields(tabs = settingsTabs()): FieldSpec[] {
  const walk = (items: (FieldSpec | GroupSpec)[]): FieldSpec[] =>
    items.flatMap((i) => (i.kind === 'field' ? [i] : walk(i.children)));
  return tabs.flatMap((t) => walk(t.children));
}

/** Every group (sub-heading), for label tests. */
export function allGroups(tabs = settingsTabs()): GroupSpec[] {
  const walk = (items: (FieldSpec | GroupSpec)[]): GroupSpec[] =>
    items.flatMap((i) => (i.kind === 'group' ? [i, ...walk(i.children)] : []));
  return tabs.flatMap((t) => walk(t.children));
}

/** A copy of `root` with `value` at `path` (objects copied along the way). */
export function setIn<T>(root: T, path: readonly string[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const obj = (typeof root === 'object' && root !== null ? root : {}) as Record<string, unknown>;
  return { ...obj, [head as string]: setIn(obj[head as string], rest, value) } as T;
}

export function getIn(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path)
    node =
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[key]
        : undefined;
  return node;
}
