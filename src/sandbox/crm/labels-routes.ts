import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Sandbox } from '../sandbox.js';
import { specJson } from './associations-json.js';
import { param, parseBody, portalOf } from './http.js';

const createLabel = z.object({
  label: z.string().min(1),
  name: z.string().min(1),
  inverseLabel: z.string().optional(),
});
const updateLabel = z.object({
  associationTypeId: z.coerce.number().int(),
  label: z.string().min(1),
  inverseLabel: z.string().optional(),
});

/** Association labels (definitions); the api-client uses both path prefixes. */
const PREFIXES = [
  '/crm/v4/associations/:fromType/:toType/labels',
  '/crm/associations/v4/:fromType/:toType/labels',
];

export function labelsRouter(sandbox: Sandbox): Router {
  const r = Router();
  const pair = (req: Request, res: Parameters<typeof portalOf>[1]) => {
    const portal = portalOf(sandbox, res);
    const from = portal.type(param(req, 'fromType'));
    const to = portal.type(param(req, 'toType'));
    if (from.custom || to.custom) portal.core.associationTypes.ensurePair(from.name, to.name);
    return { reg: portal.core.associationTypes, store: portal.core.associations, from, to };
  };

  for (const base of PREFIXES) {
    r.get(base, (req, res) => {
      const { reg, from, to } = pair(req, res);
      res.json({ results: reg.forPair(from.name, to.name).map((d) => specJson(d, d.typeId)) });
    });

    r.post(base, (req, res) => {
      const { reg, from, to } = pair(req, res);
      const body = parseBody(createLabel, req);
      const defs = reg.createLabel(from.name, to.name, body.label, body.inverseLabel);
      res.json({ results: defs.map((d) => specJson(d, d.typeId)) });
    });

    r.put(base, (req, res) => {
      const { reg, from, to } = pair(req, res);
      const body = parseBody(updateLabel, req);
      reg.updateLabel(from.name, to.name, body.associationTypeId, body.label, body.inverseLabel);
      res.status(204).end();
    });

    r.delete(`${base}/:associationTypeId`, (req, res) => {
      const { reg, from, to, store } = pair(req, res);
      const def = reg.deleteLabel(from.name, to.name, Number(param(req, 'associationTypeId')));
      store.purgeType(def.fromType, def.toType, def.typeId, def.inverseTypeId);
      res.status(204).end();
    });
  }
  return r;
}
