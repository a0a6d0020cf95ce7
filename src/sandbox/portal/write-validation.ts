import { HubSpotError, type HubSpotErrorDetail } from '../errors.js';
import type { ObjectTypeDef } from './object-types.js';
import type { PortalCore } from './portal-core.js';
import {
  doesNotExist,
  normalizeValue,
  readOnly,
  type PropertyValidationFailure,
} from './property-validation.js';
import type { ValueChanges } from './record-writes.js';

/** Values HubSpot maintains itself; writes to them are ignored rather than rejected. */
const SYSTEM_MAINTAINED = new Set([
  'hs_object_id',
  'hs_lastmodifieddate',
  'lastmodifieddate',
  'createdate',
  'hs_createdate',
]);

/** HubSpot's 400 for bad property values: the failures are embedded in the message as JSON. */
export function invalidProperties(failures: PropertyValidationFailure[]): HubSpotError {
  const embedded = failures.map(({ allowedValues: _omit, ...f }) => f);
  const errors: HubSpotErrorDetail[] = failures.map((f) => ({
    message: f.message,
    code: f.error,
    in: f.name,
    context: {
      propertyName: [f.name],
      ...(f.allowedValues ? { allowedValues: f.allowedValues } : {}),
    },
  }));
  return new HubSpotError(400, `Property values were not valid: ${JSON.stringify(embedded)}`, {
    category: 'VALIDATION_ERROR',
    errors,
  });
}

/**
 * Checks written values against the portal's property definitions and turns
 * them into the strings HubSpot stores. Throws HubSpot's 400 listing every bad value.
 */
export function validateValues(
  core: PortalCore,
  type: ObjectTypeDef,
  input: Record<string, unknown>,
): ValueChanges {
  const out: ValueChanges = [];
  const failures: PropertyValidationFailure[] = [];
  for (const name of Object.keys(input)) {
    if (SYSTEM_MAINTAINED.has(name)) continue;
    const raw = input[name];
    const def = core.properties.get(type.name, name);
    if (!def) {
      failures.push(doesNotExist(name));
      continue;
    }
    if (def.readOnlyValue || def.calculated) {
      failures.push(readOnly(name));
      continue;
    }
    const n = normalizeValue(def, raw);
    if (n.ok) out.push([name, n.value]);
    else failures.push(n.failure);
  }
  if (failures.length > 0) throw invalidProperties(failures);
  return out;
}

/** Rejects a value already held by another live record in a unique property (HubSpot answers 409). */
export function checkUnique(
  core: PortalCore,
  type: ObjectTypeDef,
  values: ValueChanges,
  selfId?: number,
): void {
  for (const [name, value] of values) {
    if (value === null || !core.isUnique(type, name)) continue;
    const other = core.uniqueIndex(type, name).get(value);
    if (other !== undefined && other !== selfId) {
      const what =
        type.name === 'contacts'
          ? 'Contact'
          : type.singular.charAt(0).toUpperCase() + type.singular.slice(1);
      throw new HubSpotError(409, `${what} already exists. Existing ID: ${other}`, {
        category: 'CONFLICT',
        context: { [name]: [value] },
      });
    }
  }
}

/** Values that appear twice in one batch for a unique property would collide after the first write. */
export function checkBatchUnique(
  values: Array<Array<[string, string | null]>>,
  unique: (name: string) => boolean,
): void {
  const seen = new Map<string, number>();
  values.forEach((vals, i) => {
    for (const [name, v] of vals) {
      if (v === null || !unique(name)) continue;
      const key = `${name}\u0000${v}`;
      if (seen.has(key)) {
        throw new HubSpotError(
          400,
          `Duplicate value ${v} for unique property ${name} in inputs ${seen.get(key)} and ${i}`,
          {
            category: 'VALIDATION_ERROR',
            context: { [name]: [v] },
          },
        );
      }
      seen.set(key, i);
    }
  });
}
