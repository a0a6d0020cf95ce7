import { Router } from 'express';
import { createObject, updateObject, archiveObject } from '../portal/object-writes.js';
import type { Sandbox } from '../sandbox.js';
import {
  param,
  parseBody,
  portalOf,
  queryBool,
  queryLimit,
  queryList,
  queryString,
  sendJson,
  sendJsonBytes,
  sourceOf,
} from './http.js';
import { answerBytes } from './json-bytes.js';
import { pageLink } from './page-link.js';
import { recordBytesWriter } from './record-bytes.js';
import { requireRecord } from './lookup.js';
import { objectJson } from './serialize.js';
import { createInput, gdprInput, mergeInput, updateInput } from './schemas.js';
import { findRecord } from './lookup.js';

const BASE = '/crm/v3/objects';

/** Basic v3 object endpoints: list, get, create, update, archive, merge, GDPR delete. */
export function objectsRouter(sandbox: Sandbox): Router {
  const r = Router();

  r.get(`${BASE}/:objectType`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    // express re-parses the query string on every `req.query` access.
    const query = req.query;
    const limit = queryLimit(query.limit, 10, 100);
    const after = queryString(query.after);
    const archived = queryBool(query.archived);
    const write = recordBytesWriter(portal.core, type, {
      properties: queryList(query.properties),
      associations: queryList(query.associations),
    });
    const start = after && /^\d+$/.test(after) ? Number(after) : -Infinity;
    const w = answerBytes.reset();
    w.ascii('{"results":[');
    // One more than a page tells whether there is a next one.
    const page = portal.core.store(type).page(start, archived, limit + 1);
    const count = Math.min(limit, page.length);
    for (let i = 0; i < count; i++) {
      w.comma(i);
      write(w, page[i]);
    }
    const next = page.length > limit ? String(page[limit - 1].id) : undefined;
    w.ascii(']');
    if (next) {
      w.ascii(',"paging":');
      w.json({ next: { after: next, link: pageLink(req, next) } });
    }
    w.ascii('}');
    sendJsonBytes(res, 200, w.handOver());
  });

  r.post(`${BASE}/:objectType`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const body = parseBody(createInput, req);
    const rec = createObject(portal.core, type, body.properties, body.associations, sourceOf(res));
    sendJson(
      res,
      201,
      objectJson(portal.core, type, rec, { properties: Object.keys(body.properties) }),
    );
  });

  r.post(`${BASE}/:objectType/merge`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const body = parseBody(mergeInput, req);
    const rec = portal.mergeObjects(
      type.name,
      body.primaryObjectId,
      body.objectIdToMerge,
      sourceOf(res),
    );
    res.json(objectJson(portal.core, type, rec));
  });

  r.post(`${BASE}/:objectType/gdpr-delete`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const body = parseBody(gdprInput, req);
    const rec =
      findRecord(portal, type, body.objectId, body.idProperty) ??
      findRecord(portal, type, body.objectId, body.idProperty, true);
    if (!rec) {
      requireRecord(portal, type, body.objectId, body.idProperty);
      return;
    }
    portal.gdprDelete(type.name, rec.id, sourceOf(res));
    res.status(204).end();
  });

  r.get(`${BASE}/:objectType/:objectId`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const query = req.query;
    const rec = requireRecord(
      portal,
      type,
      param(req, 'objectId'),
      queryString(query.idProperty),
      queryBool(query.archived),
    );
    const write = recordBytesWriter(portal.core, type, {
      properties: queryList(query.properties),
      associations: queryList(query.associations),
    });
    const w = answerBytes.reset();
    write(w, rec);
    sendJsonBytes(res, 200, w.handOver());
  });

  r.patch(`${BASE}/:objectType/:objectId`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const body = parseBody(updateInput, req);
    const found = requireRecord(
      portal,
      type,
      param(req, 'objectId'),
      queryString(req.query.idProperty),
    );
    const rec = updateObject(portal.core, type, found.id, body.properties, sourceOf(res));
    sendJson(
      res,
      200,
      objectJson(portal.core, type, rec, { properties: Object.keys(body.properties) }),
    );
  });

  r.delete(`${BASE}/:objectType/:objectId`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const rec = findRecord(portal, type, param(req, 'objectId'));
    if (rec) archiveObject(portal.core, type, rec.id, sourceOf(res));
    res.status(204).end();
  });

  return r;
}
