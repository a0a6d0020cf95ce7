import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { HubSpotError, notFound, validationError } from '../errors.js';
import {
  fromSeed,
  optionSchema,
  propertyTypes,
  type PropertyDef,
} from '../portal/property-types.js';
import type { Sandbox } from '../sandbox.js';
import { batchError, batchResponse, checkBatchSize } from './batch.js';
import { param, parseBody, portalOf, queryBool, queryList } from './http.js';
import { groupJson, propertyJson } from './properties-json.js';

const BASE = '/crm/v3/properties/:objectType';

const propertyCreate = z.object({
  name: z.string().min(1),
  label: z.string().min(1),
  type: z.enum(propertyTypes),
  fieldType: z.string().min(1),
  groupName: z.string().min(1),
  description: z.string().optional(),
  options: z.array(optionSchema).optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  externalOptions: z.boolean().optional(),
  referencedObjectType: z.string().optional(),
  calculationFormula: z.string().optional(),
  showCurrencySymbol: z.boolean().optional(),
});
const propertyUpdate = propertyCreate.omit({ name: true, hasUniqueValue: true }).partial();
const groupCreate = z.object({
  name: z.string().min(1),
  label: z.string().min(1),
  displayOrder: z.number().int().optional(),
});
const groupUpdate = groupCreate.omit({ name: true }).partial();
const nameInputs = z.object({
  inputs: z.array(z.object({ name: z.string() })),
  archived: z.boolean().optional(),
});

/** Field types HubSpot accepts for each property type. */
const FIELD_TYPES: Record<string, string[]> = {
  string: ['text', 'textarea', 'html', 'phonenumber', 'file'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  bool: ['booleancheckbox', 'calculation_equation'],
  phone_number: ['phonenumber', 'text'],
  object_coordinates: ['text'],
  json: ['text'],
};

function checkDefinition(name: string, type: string, fieldType: string): void {
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    throw validationError(
      `Property name ${name} is invalid: use lowercase letters, digits and underscores, starting with a letter`,
      undefined,
      { name: [name] },
    );
  if (!(FIELD_TYPES[type] ?? []).includes(fieldType)) {
    throw validationError(
      `fieldType ${fieldType} is not valid for type ${type}; use one of ${(FIELD_TYPES[type] ?? []).join(', ')}`,
      undefined,
      { fieldType: [fieldType] },
    );
  }
}

function newDefinition(
  input: z.infer<typeof propertyCreate>,
  at: number,
  userId?: string,
): PropertyDef {
  checkDefinition(input.name, input.type, input.fieldType);
  const base = fromSeed(
    [input.name, input.label, input.type, input.fieldType, input.groupName],
    at,
  );
  const options =
    input.type === 'bool' && !input.options?.length
      ? [
          { label: 'Yes', value: 'true', displayOrder: 0, hidden: false },
          { label: 'No', value: 'false', displayOrder: 1, hidden: false },
        ]
      : (input.options ?? []);
  return {
    ...base,
    ...input,
    description: input.description ?? '',
    options,
    displayOrder: input.displayOrder ?? -1,
    hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false,
    formField: input.formField ?? false,
    externalOptions: input.externalOptions ?? false,
    hubspotDefined: false,
    createdUserId: userId,
    updatedUserId: userId,
  };
}

/** Properties v3: definitions, batch operations and groups. */
export function propertiesRouter(sandbox: Sandbox): Router {
  const r = Router();
  const ctx = (req: Request, res: Response) => {
    const portal = portalOf(sandbox, res);
    return { portal, reg: portal.properties, type: portal.type(param(req, 'objectType')) };
  };

  r.get(`${BASE}/groups`, (req, res) => {
    const { reg, type } = ctx(req, res);
    res.json({ results: reg.listGroups(type.name).map(groupJson) });
  });
  r.post(`${BASE}/groups`, (req, res) => {
    const { reg, type } = ctx(req, res);
    const body = parseBody(groupCreate, req);
    res.status(201).json(
      groupJson(
        reg.createGroup(type.name, {
          ...body,
          displayOrder: body.displayOrder ?? -1,
          archived: false,
        }),
      ),
    );
  });
  r.get(`${BASE}/groups/:groupName`, (req, res) => {
    const { reg, type } = ctx(req, res);
    const g = reg.getGroup(type.name, param(req, 'groupName'));
    if (!g)
      throw notFound(
        `Unable to find property group ${param(req, 'groupName')} for object type ${type.name}`,
      );
    res.json(groupJson(g));
  });
  r.patch(`${BASE}/groups/:groupName`, (req, res) => {
    const { reg, type } = ctx(req, res);
    res.json(
      groupJson(reg.updateGroup(type.name, param(req, 'groupName'), parseBody(groupUpdate, req))),
    );
  });
  r.delete(`${BASE}/groups/:groupName`, (req, res) => {
    const { reg, type } = ctx(req, res);
    reg.archiveGroup(type.name, param(req, 'groupName'));
    res.status(204).end();
  });

  r.post(`${BASE}/batch/create`, (req, res) => {
    const started = Date.now();
    const { portal, reg, type } = ctx(req, res);
    const body = parseBody(z.object({ inputs: z.array(propertyCreate) }), req);
    checkBatchSize(body.inputs.length);
    const defs = body.inputs.map((i) => newDefinition(i, portal.core.now()));
    const results = defs.map((d) => propertyJson(reg.create(type.name, d)));
    const [status, out] = batchResponse(started, results, [], 201);
    res.status(status).json(out);
  });
  r.post(`${BASE}/batch/read`, (req, res) => {
    const started = Date.now();
    const { reg, type } = ctx(req, res);
    const body = parseBody(nameInputs, req);
    const found = body.inputs.map((i) =>
      body.archived ? reg.getIncludingArchived(type.name, i.name) : reg.get(type.name, i.name),
    );
    const missing = body.inputs.filter((_, i) => !found[i]).map((i) => i.name);
    const errors = missing.length
      ? [
          batchError('OBJECT_NOT_FOUND', `Unable to find properties ${missing.join(', ')}`, {
            names: missing,
          }),
        ]
      : [];
    const [status, out] = batchResponse(
      started,
      found.flatMap((d) => (d ? [propertyJson(d)] : [])),
      errors,
    );
    res.status(status).json(out);
  });
  r.post(`${BASE}/batch/archive`, (req, res) => {
    const { reg, type } = ctx(req, res);
    const body = parseBody(nameInputs, req);
    for (const i of body.inputs)
      if (reg.get(type.name, i.name)) archiveProperty(reg, type.name, i.name);
    res.status(204).end();
  });

  r.get(BASE, (req, res) => {
    const { reg, type } = ctx(req, res);
    const only = queryList(req.query.properties);
    const list = reg
      .list(type.name, queryBool(req.query.archived))
      .filter((d) => !only?.length || only.includes(d.name));
    res.json({ results: list.map(propertyJson) });
  });
  r.post(BASE, (req, res) => {
    const { portal, reg, type } = ctx(req, res);
    const def = newDefinition(parseBody(propertyCreate, req), portal.core.now());
    res.status(201).json(propertyJson(reg.create(type.name, def)));
  });
  r.get(`${BASE}/:propertyName`, (req, res) => {
    const { reg, type } = ctx(req, res);
    const name = param(req, 'propertyName');
    const d = queryBool(req.query.archived)
      ? reg.getIncludingArchived(type.name, name)
      : reg.get(type.name, name);
    if (!d)
      throw notFound(`Unable to find property ${name} for object type ${type.name}`, {
        name: [name],
      });
    res.json(propertyJson(d));
  });
  r.patch(`${BASE}/:propertyName`, (req, res) => {
    const { reg, type } = ctx(req, res);
    const name = param(req, 'propertyName');
    const patch = parseBody(propertyUpdate, req);
    const d = reg.get(type.name, name);
    if (!d)
      throw notFound(`Unable to find property ${name} for object type ${type.name}`, {
        name: [name],
      });
    if (
      d.hubspotDefined &&
      ((patch.type && patch.type !== d.type) ||
        (patch.fieldType && patch.fieldType !== d.fieldType))
    ) {
      throw new HubSpotError(
        400,
        `The type of HubSpot-defined property ${name} cannot be changed`,
        { category: 'VALIDATION_ERROR', subCategory: 'READ_ONLY_DEFINITION' },
      );
    }
    checkDefinition(name, patch.type ?? d.type, patch.fieldType ?? d.fieldType);
    if (patch.groupName && !reg.getGroup(type.name, patch.groupName))
      throw notFound(`Unable to find property group ${patch.groupName}`);
    res.json(propertyJson(reg.update(type.name, name, patch)));
  });
  r.delete(`${BASE}/:propertyName`, (req, res) => {
    const { reg, type } = ctx(req, res);
    archiveProperty(reg, type.name, param(req, 'propertyName'));
    res.status(204).end();
  });
  return r;
}

function archiveProperty(
  reg: ReturnType<typeof portalOf>['properties'],
  type: string,
  name: string,
): void {
  const d = reg.get(type, name);
  if (d?.hubspotDefined) {
    throw new HubSpotError(400, `HubSpot-defined property ${name} cannot be archived`, {
      category: 'VALIDATION_ERROR',
      subCategory: 'READ_ONLY_DEFINITION',
    });
  }
  reg.archive(type, name);
}
