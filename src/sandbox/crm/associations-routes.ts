import { Router } from 'express';
import { z } from 'zod';
import { associate, liveRecord, unassociate } from '../portal/association-writes.js';
import { parseId } from '../portal/portal-state.js';
import type { Sandbox } from '../sandbox.js';
import {
  associatedWithLabels,
  defaultAssociationJson,
  labelsBetweenJson,
} from './associations-json.js';
import { param, parseBody, portalOf, queryLimit, queryString, sendJson, sourceOf } from './http.js';
import { associationSpecInput } from './schemas.js';

const OBJ = '/crm/v4/objects/:fromType/:fromId/associations';

/** v4 record associations: list a record's associations, associate (labeled or default), remove. */
export function associationsRouter(sandbox: Sandbox): Router {
  const r = Router();

  r.get(`${OBJ}/:toType`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const from = portal.type(param(req, 'fromType'));
    const to = portal.type(param(req, 'toType'));
    const fromId = parseId(param(req, 'fromId'));
    liveRecord(portal.core, from, fromId);
    const query = req.query;
    const limit = queryLimit(query.limit, 500, 500);
    const after = Number(queryString(query.after) ?? '0') || 0;
    const all = associatedWithLabels(portal.core, from, fromId, to);
    const results = all.slice(after, after + limit);
    const next = after + limit < all.length ? String(after + limit) : undefined;
    sendJson(
      res,
      200,
      next ? { results, paging: { next: { after: next, link: '' } } } : { results },
    );
  });

  r.put(`${OBJ}/default/:toType/:toId`, (req, res) => {
    const started = Date.now();
    const portal = portalOf(sandbox, res);
    const from = portal.type(param(req, 'fromType'));
    const to = portal.type(param(req, 'toType'));
    const fromId = parseId(param(req, 'fromId'));
    const toId = parseId(param(req, 'toId'));
    associate(portal.core, from, fromId, to, toId, 'default', sourceOf(res));
    const fwd = portal.core.associationTypes.defaultFor(from.name, to.name);
    const back = portal.core.associationTypes.defaultFor(to.name, from.name);
    res.json({
      status: 'COMPLETE',
      results: [
        defaultAssociationJson(fromId, toId, fwd),
        defaultAssociationJson(toId, fromId, back),
      ],
      startedAt: new Date(started).toISOString(),
      completedAt: new Date().toISOString(),
    });
  });

  r.put(`${OBJ}/:toType/:toId`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const from = portal.type(param(req, 'fromType'));
    const to = portal.type(param(req, 'toType'));
    const fromId = parseId(param(req, 'fromId'));
    const toId = parseId(param(req, 'toId'));
    const specs = parseBody(z.array(associationSpecInput).min(1), req);
    const defs = associate(portal.core, from, fromId, to, toId, specs, sourceOf(res));
    res.status(201).json(labelsBetweenJson(from, fromId, to, toId, defs));
  });

  r.delete(`${OBJ}/:toType/:toId`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const from = portal.type(param(req, 'fromType'));
    const to = portal.type(param(req, 'toType'));
    unassociate(
      portal.core,
      from,
      parseId(param(req, 'fromId')),
      to,
      parseId(param(req, 'toId')),
      'all',
      sourceOf(res),
    );
    res.status(204).end();
  });

  return r;
}
