import { Router } from 'express';
import { z } from 'zod';
import type { PortalState } from '../portal/portal-state.js';
import type { SchemaInfo } from '../portal/schemas.js';
import { STANDARD_ALIASES } from '../portal/schemas.js';
import type { Sandbox } from '../sandbox.js';
import { param, parseBody, portalOf } from './http.js';
import { propertyJson } from './properties-json.js';
import { validationError } from '../errors.js';

const schemaProperty = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string().optional(),
  description: z.string().optional(),
  options: z
    .array(
      z.object({
        label: z.string(),
        value: z.string(),
        displayOrder: z.number().optional(),
        hidden: z.boolean().optional(),
        description: z.string().optional(),
      }),
    )
    .optional(),
  hasUniqueValue: z.boolean().optional(),
  displayOrder: z.number().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
});
const schemaEgg = z.object({
  name: z.string().min(1),
  labels: z.object({ singular: z.string().optional(), plural: z.string().optional() }),
  description: z.string().optional(),
  primaryDisplayProperty: z.string().optional(),
  requiredProperties: z.array(z.string()).default([]),
  searchableProperties: z.array(z.string()).optional(),
  secondaryDisplayProperties: z.array(z.string()).optional(),
  properties: z.array(schemaProperty),
  associatedObjects: z.array(z.string()).default([]),
});
const associationEgg = z.object({
  fromObjectTypeId: z.string(),
  toObjectTypeId: z.string(),
  name: z.string().optional(),
});

const iso = (ms: number) => new Date(ms).toISOString();

function schemaJson(portal: PortalState, s: SchemaInfo) {
  return {
    id: s.type.objectTypeId.slice(2),
    objectTypeId: s.type.objectTypeId,
    name: s.type.fullyQualifiedName.replace(/^p\d+_/, ''),
    fullyQualifiedName: s.type.fullyQualifiedName,
    labels: s.labels,
    description: s.description,
    primaryDisplayProperty: s.type.primaryDisplayProperty,
    requiredProperties: s.requiredProperties,
    searchableProperties: s.searchableProperties,
    secondaryDisplayProperties: s.secondaryDisplayProperties,
    properties: portal.properties.list(s.type.name).map(propertyJson),
    associations: portal.schemas.associationsOf(s),
    archived: s.archived,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

/** Custom object schemas, at the api-client's path and at /crm/v3/schemas. */
export function schemasRouter(sandbox: Sandbox): Router {
  const r = Router();
  for (const base of ['/crm-object-schemas/v3/schemas', '/crm/v3/schemas']) {
    r.get(base, (_req, res) => {
      const portal = portalOf(sandbox, res);
      res.json({ results: portal.schemas.list().map((s) => schemaJson(portal, s)) });
    });
    r.post(base, (req, res) => {
      const portal = portalOf(sandbox, res);
      const s = portal.schemas.create(parseBody(schemaEgg, req));
      res.status(201).json(schemaJson(portal, s));
    });
    r.get(`${base}/:objectType`, (req, res) => {
      const portal = portalOf(sandbox, res);
      res.json(schemaJson(portal, portal.schemas.get(param(req, 'objectType'))));
    });
    r.delete(`${base}/:objectType`, (req, res) => {
      const portal = portalOf(sandbox, res);
      const s = portal.schemas.get(param(req, 'objectType'));
      if (portal.core.store(s.type).liveCount > 0)
        throw validationError(
          `Object type ${s.type.fullyQualifiedName} still has records; archive them first`,
        );
      s.archived = true;
      res.status(204).end();
    });
    r.post(`${base}/:objectType/associations`, (req, res) => {
      const portal = portalOf(sandbox, res);
      const s = portal.schemas.get(param(req, 'objectType'));
      const body = parseBody(associationEgg, req);
      const from = portal.type(
        STANDARD_ALIASES[body.fromObjectTypeId.toUpperCase()] ?? body.fromObjectTypeId,
      );
      const to = portal.type(
        STANDARD_ALIASES[body.toObjectTypeId.toUpperCase()] ?? body.toObjectTypeId,
      );
      portal.core.associationTypes.ensurePair(from.name, to.name);
      const def = portal.core.associationTypes.defaultFor(from.name, to.name);
      const t = portal.core.now();
      res.status(201).json({
        id: String(def.typeId),
        fromObjectTypeId: from.objectTypeId,
        toObjectTypeId: to.objectTypeId,
        name: body.name ?? `${from.singular}_to_${to.singular}`.toUpperCase(),
        createdAt: iso(t),
        updatedAt: iso(t),
      });
      s.updatedAt = t;
    });
  }
  return r;
}
