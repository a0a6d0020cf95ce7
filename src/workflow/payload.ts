import { z } from 'zod';

/**
 * The body HubSpot sends to a custom workflow action's actionUrl:
 * `{ callbackId, origin: { portalId, actionDefinitionId, … }, context,
 * object: { objectId, objectType }, inputFields: { … } }` (older payloads
 * name the inputs `fields`). Values of input fields arrive as strings or
 * numbers depending on the field type, so numbers are coerced.
 */

const id = z
  .union([z.number().int().positive(), z.string().regex(/^\d+$/)])
  .transform((v) => Number(v));

export const actionRequestSchema = z
  .object({
    callbackId: z.string().min(1).max(200),
    origin: z.object({ portalId: id }).loose(),
    object: z.object({ objectId: id, objectType: z.string() }).loose(),
    inputFields: z.record(z.string(), z.unknown()).optional(),
    fields: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
export type ActionRequest = z.infer<typeof actionRequestSchema>;

const optionalNumber = (max: number) =>
  z.preprocess(
    (v) =>
      v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v,
    z.number().gt(0).max(max).optional(),
  );

export const createAlertTaskInputSchema = z.object({
  level: z.enum(['red', 'yellow']),
  reason: z.string().trim().min(1).max(2000),
  owner: z.preprocess(
    (v) => (v === '' || v === null ? undefined : typeof v === 'number' ? String(v) : v),
    z.string().regex(/^\d+$/, 'must be a HubSpot owner id').optional(),
  ),
  respond_hours: optionalNumber(24 * 30),
  plan_hours: optionalNumber(24 * 90),
});
export type CreateAlertTaskInput = z.infer<typeof createAlertTaskInputSchema>;

/** HubSpot's success answer: output fields for later workflow steps. */
export function successResponse(outputFields: Record<string, string>): {
  outputFields: Record<string, string>;
} {
  return { outputFields: { ...outputFields, hs_execution_state: 'SUCCESS' } };
}

/**
 * The failure answer: `FAIL_CONTINUE` lets the workflow go on along its
 * failure branch, and `errorCode`/`errorMessage` are output fields an
 * execution rule can show in the workflow history.
 */
export function failureResponse(errorCode: string, message: string) {
  return {
    outputFields: { hs_execution_state: 'FAIL_CONTINUE', errorCode, errorMessage: message },
    message,
  };
}
