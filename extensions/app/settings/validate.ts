import type { MessageParams } from './shared/generated/contract.js';
import {
  crossFieldRules,
  settingsJsonSchema,
  type JsonSchemaNode,
} from './shared/generated/settings-schema.js';

/**
 * Client-side validation of the settings form with the generated JSON Schema
 * (the subset zod emits) and the cross-field rules zod checks in refinements.
 * The backend validates again with zod; a test compares both on random input.
 */

export interface FieldIssue {
  /** Where the problem is: a field (`score.keyAccountSharePct`) or a group (`score.weights`). */
  path: string[];
  /** A text code under `s.error.*`, with its parameters. */
  code: string;
  params: MessageParams;
}

const SUM_TOLERANCE = 1e-6;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    default:
      return typeof value === type;
  }
}

/** Checks one value against a schema node; missing keys are fine (they take their default). */
export function validateNode(
  node: JsonSchemaNode,
  value: unknown,
  path: string[],
  out: FieldIssue[],
): void {
  const issue = (code: string, params: MessageParams = {}) => out.push({ path, code, params });
  if (node.type !== undefined) {
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (!types.some((t) => typeMatches(t, value))) {
      const wanted = types.includes('integer')
        ? 'integer'
        : (types.find((t) => t !== 'null') ?? 'null');
      return void issue(`type.${wanted}`);
    }
  }
  if (node.enum && !node.enum.some((e) => e === value)) return void issue('enum');
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) issue('min', { min: node.minimum });
    if (node.maximum !== undefined && value > node.maximum) issue('max', { max: node.maximum });
    if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum)
      issue('gt', { min: node.exclusiveMinimum });
    if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum)
      issue('lt', { max: node.exclusiveMaximum });
  }
  if (typeof value === 'string' && node.minLength !== undefined && value.length < node.minLength)
    issue('required');
  if (Array.isArray(value) && node.items) {
    value.forEach((item, i) =>
      validateNode(node.items as JsonSchemaNode, item, [...path, String(i)], out),
    );
  }
  if (isRecord(value)) {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (key in value) validateNode(child, value[key], [...path, key], out);
    }
    const extra = node.additionalProperties;
    if (typeof extra === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (!(key in (node.properties ?? {}))) validateNode(extra, child, [...path, key], out);
      }
    }
  }
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function checkRules(settings: unknown, out: FieldIssue[]): void {
  for (const rule of crossFieldRules) {
    const path = [...rule.path];
    const value = valueAt(settings, path);
    if (value === undefined) continue;
    if (rule.kind === 'sumsToOne' && isRecord(value)) {
      const numbers = Object.values(value).filter((v): v is number => typeof v === 'number');
      const sum = numbers.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > SUM_TOLERANCE)
        out.push({ path, code: 'sumsToOne', params: { sum: Number(sum.toFixed(6)) } });
    } else if (rule.kind === 'below' && isRecord(value)) {
      const lower = value[rule.lower];
      const upper = value[rule.upper];
      if (typeof lower === 'number' && typeof upper === 'number' && lower >= upper) {
        out.push({ path, code: 'below', params: { lower, upper } });
      }
    } else if (rule.kind === 'timeZone' && typeof value === 'string' && !isTimeZone(value)) {
      out.push({ path, code: 'timeZone', params: { value } });
    }
  }
}

/** Every problem with a candidate settings object; empty when it may be previewed and saved. */
export function validateSettings(settings: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  validateNode(settingsJsonSchema, settings, [], out);
  // A rule runs only on a group whose own fields are valid, as zod runs a refinement.
  const clean = (path: readonly string[]) =>
    !out.some((i) => path.every((key, n) => i.path[n] === key));
  const ruled: FieldIssue[] = [];
  checkRules(settings, ruled);
  return [...out, ...ruled.filter((i) => clean(i.path))];
}

export const pathKey = (path: readonly (string | number)[]): string => path.join('.');
