import { z } from 'zod';

/** Request bodies of the CRM routes, typed after the api-client's input models. */
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const propertiesInput = z.record(z.string(), scalar);

export const associationSpecInput = z.object({
  associationCategory: z.string().optional(),
  associationTypeId: z.coerce.number().int(),
});

export const createAssociationInput = z.object({
  to: z.object({ id: z.union([z.string(), z.number()]) }),
  types: z.array(associationSpecInput).min(1),
});

export const createInput = z.object({
  properties: propertiesInput.default({}),
  associations: z.array(createAssociationInput).optional(),
  objectWriteTraceId: z.string().optional(),
});

export const updateInput = z.object({
  properties: propertiesInput.default({}),
  objectWriteTraceId: z.string().optional(),
});

const idValue = z.union([z.string(), z.number()]).transform(String);

export const batchReadInput = z.object({
  inputs: z.array(z.object({ id: idValue })),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
});

export const batchCreateInput = z.object({ inputs: z.array(createInput) });
export const batchUpdateInput = z.object({
  inputs: z.array(updateInput.extend({ id: idValue, idProperty: z.string().optional() })),
});
export const batchUpsertInput = z.object({
  inputs: z.array(updateInput.extend({ id: idValue, idProperty: z.string() })),
});
export const batchArchiveInput = z.object({ inputs: z.array(z.object({ id: idValue })) });

export const mergeInput = z.object({ primaryObjectId: idValue, objectIdToMerge: idValue });
export const gdprInput = z.object({ objectId: idValue, idProperty: z.string().optional() });

/** `{ id }` of the v4 association batch inputs: string or number, read as text. */
export const idRef = z.object({ id: z.union([z.string(), z.number()]).transform(String) });
/** v4 batch association read: ids, each with the paging cursor of its own list. */
export const associationsReadInput = z.object({
  inputs: z.array(idRef.extend({ after: z.string().optional() })),
});
