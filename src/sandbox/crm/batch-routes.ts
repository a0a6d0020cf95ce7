import { Router } from 'express';
import { archiveObject, createObject, updateObject } from '../portal/object-writes.js';
import { checkBatchUnique, checkUnique, validateValues } from '../portal/write-validation.js';
import type { Sandbox } from '../sandbox.js';
import {
  BATCH_START,
  batchEnd,
  batchError,
  batchResponse,
  checkBatchSize,
  type BatchError,
} from './batch.js';
import {
  param,
  parseBody,
  portalOf,
  queryBool,
  sendJson,
  sendJsonBytes,
  sourceOf,
} from './http.js';
import { answerBytes } from './json-bytes.js';
import { batchUpdateHandler } from './batch-update.js';
import { recordBytesWriter } from './record-bytes.js';
import { readBatchRead } from './fast-inputs.js';
import { findRecord } from './lookup.js';
import { warmRecords } from './warm-records.js';
import {
  batchArchiveInput,
  batchCreateInput,
  batchReadInput,
  batchUpsertInput,
} from './schemas.js';
import { writerPerPropertyList } from './serialize.js';

const BASE = '/crm/v3/objects/:objectType/batch';

/** v3 batch endpoints: read, create, update, upsert, archive (≤ 100 inputs each). */
export function batchRouter(sandbox: Sandbox): Router {
  const r = Router();

  r.post(`${BASE}/read`, (req, res) => {
    const started = Date.now();
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const body = readBatchRead(req.body) ?? parseBody(batchReadInput, req);
    checkBatchSize(body.inputs.length);
    const archived = queryBool(req.query.archived);
    const write = recordBytesWriter(portal.core, type, { properties: body.properties });
    const w = answerBytes.reset();
    w.ascii(BATCH_START);
    let n = 0;
    const missing: string[] = [];
    // All lookups first, then the records warmed in one pass (see warmRecords), then written.
    const recs = body.inputs.map(({ id }) =>
      findRecord(portal, type, id, body.idProperty, archived),
    );
    warmRecords(recs);
    for (let i = 0; i < recs.length; i++) {
      const rec = recs[i];
      if (!rec) {
        missing.push(body.inputs[i].id);
        continue;
      }
      w.comma(n++);
      write(w, rec);
    }
    const errors: BatchError[] = missing.length
      ? [
          batchError(
            'OBJECT_NOT_FOUND',
            `Could not get some ${type.singular.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
            { ids: missing },
          ),
        ]
      : [];
    sendJsonBytes(res, batchEnd(w, started, errors), w.handOver());
  });

  r.post(`${BASE}/create`, (req, res) => {
    const started = Date.now();
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const body = parseBody(batchCreateInput, req);
    checkBatchSize(body.inputs.length);
    // Validate everything first: HubSpot rejects the whole batch on a bad value.
    const values = body.inputs.map((input) => validateValues(portal.core, type, input.properties));
    values.forEach((v) => checkUnique(portal.core, type, v));
    checkBatchUnique(values, (n) => portal.core.isUnique(type, n));
    const src = sourceOf(res);
    const toJson = writerPerPropertyList(portal.core, type);
    const results = body.inputs.map((input) => {
      const rec = createObject(portal.core, type, input.properties, input.associations, src);
      return toJson(rec, Object.keys(input.properties));
    });
    const [status, out] = batchResponse(started, results, [], 201);
    sendJson(res, status, out);
  });

  r.post(`${BASE}/update`, batchUpdateHandler(sandbox));

  r.post(`${BASE}/upsert`, (req, res) => {
    const started = Date.now();
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const body = parseBody(batchUpsertInput, req);
    checkBatchSize(body.inputs.length);
    body.inputs.forEach((input) => validateValues(portal.core, type, input.properties));
    const src = sourceOf(res);
    const toJson = writerPerPropertyList(portal.core, type);
    const results = body.inputs.map((input) => {
      const existing = findRecord(portal, type, input.id, input.idProperty);
      if (existing) {
        updateObject(portal.core, type, existing.id, input.properties, src);
        return {
          ...toJson(existing, Object.keys(input.properties)),
          new: false,
        };
      }
      const props =
        input.idProperty === 'hs_object_id'
          ? input.properties
          : { ...input.properties, [input.idProperty]: input.id };
      const rec = createObject(portal.core, type, props, [], src);
      return {
        ...toJson(rec, Object.keys(props)),
        new: true,
      };
    });
    const [status, out] = batchResponse(started, results, []);
    sendJson(res, status, out);
  });

  r.post(`${BASE}/archive`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const body = parseBody(batchArchiveInput, req);
    checkBatchSize(body.inputs.length);
    const src = sourceOf(res);
    for (const { id } of body.inputs) {
      const rec = findRecord(portal, type, id);
      if (rec) archiveObject(portal.core, type, rec.id, src);
    }
    res.status(204).end();
  });

  return r;
}
