import { Router } from 'express';
import { z } from 'zod';
import { associate, unassociate } from '../portal/association-writes.js';
import type { AssociationTypeDef } from '../portal/association-types.js';
import { parseId } from '../portal/portal-state.js';
import type { Sandbox } from '../sandbox.js';
import {
  associatedBytesWriter,
  defaultAssociationJson,
  labelsBetweenJson,
} from './associations-json.js';
import {
  BATCH_START,
  batchEnd,
  batchError,
  batchResponse,
  checkBatchSize,
  type BatchError,
} from './batch.js';
import { param, parseBody, portalOf, sendJsonBytes, sourceOf } from './http.js';
import { answerBytes } from './json-bytes.js';
import { readAssociationsRead } from './fast-inputs.js';
import { associationSpecInput, associationsReadInput, idRef } from './schemas.js';
import { HubSpotError } from '../errors.js';

const BASE = '/crm/v4/associations/:fromType/:toType/batch';
const createInput = z.object({
  inputs: z.array(
    z.object({ from: idRef, to: idRef, types: z.array(associationSpecInput).min(1) }),
  ),
});
const defaultInput = z.object({ inputs: z.array(z.object({ from: idRef, to: idRef })) });
const archiveInput = z.object({ inputs: z.array(z.object({ from: idRef, to: z.array(idRef) })) });

/** HubSpot's v4 batch association read pages each record's list at 500. */
const READ_PAGE = 500;

/** v4 batch association endpoints: read, create, associate/default, archive, labels/archive. */
export function associationsBatchRouter(sandbox: Sandbox): Router {
  const r = Router();
  const types = (
    portal: ReturnType<typeof portalOf>,
    req: Parameters<Parameters<Router['post']>[1]>[0],
  ) => ({
    from: portal.type(param(req, 'fromType')),
    to: portal.type(param(req, 'toType')),
  });

  r.post(`${BASE}/read`, (req, res) => {
    const started = Date.now();
    const portal = portalOf(sandbox, res);
    const { from, to } = types(portal, req);
    const body = readAssociationsRead(req.body) ?? parseBody(associationsReadInput, req);
    checkBatchSize(body.inputs.length, 1000);
    const targetsOf = associatedBytesWriter(portal.core, from, to);
    const w = answerBytes.reset();
    w.ascii(BATCH_START);
    let n = 0;
    const missing: string[] = [];
    for (const input of body.inputs) {
      const id = /^\d+$/.test(input.id) ? Number(input.id) : NaN;
      const rec = Number.isNaN(id) ? undefined : portal.core.record(from, id);
      const start = w.length;
      w.comma(n);
      w.ascii('{"from":{"id":');
      w.str(input.id);
      w.ascii('},"to":[');
      const after = Number(input.after ?? '0') || 0;
      const all = rec && !rec.archived ? targetsOf(w, id, after, READ_PAGE) : 0;
      if (all === 0) {
        w.rewind(start);
        missing.push(input.id);
        continue;
      }
      w.ascii(']');
      if (after + READ_PAGE < all) {
        w.ascii(',"paging":{"next":{"after":');
        w.str(String(after + READ_PAGE));
        w.ascii(',"link":""}}');
      }
      w.ascii('}');
      n++;
    }
    // HubSpot reports records without associations as errors too.
    const errors: BatchError[] = missing.map((id) =>
      batchError('OBJECT_NOT_FOUND', `No ${to.name} is associated with ${from.singular} ${id}.`, {
        fromObjectId: [id],
      }),
    );
    sendJsonBytes(res, batchEnd(w, started, errors), w.handOver());
  });

  r.post(`${BASE}/create`, (req, res) => {
    const started = Date.now();
    const portal = portalOf(sandbox, res);
    const { from, to } = types(portal, req);
    const body = parseBody(createInput, req);
    checkBatchSize(body.inputs.length, 2000);
    const src = sourceOf(res);
    const results = [];
    const errors: BatchError[] = [];
    for (const input of body.inputs) {
      try {
        const fromId = parseId(input.from.id);
        const toId = parseId(input.to.id);
        const defs: AssociationTypeDef[] = associate(
          portal.core,
          from,
          fromId,
          to,
          toId,
          input.types,
          src,
        );
        results.push(labelsBetweenJson(from, fromId, to, toId, defs));
      } catch (e) {
        if (!(e instanceof HubSpotError)) throw e;
        errors.push(
          batchError(e.category, e.message, {
            fromObjectId: [input.from.id],
            toObjectId: [input.to.id],
          }),
        );
      }
    }
    const [status, out] = batchResponse(started, results, errors, 201);
    res.status(status).json(out);
  });

  r.post(`${BASE}/associate/default`, (req, res) => {
    const started = Date.now();
    const portal = portalOf(sandbox, res);
    const { from, to } = types(portal, req);
    const body = parseBody(defaultInput, req);
    checkBatchSize(body.inputs.length, 2000);
    const src = sourceOf(res);
    const results = [];
    const errors: BatchError[] = [];
    for (const input of body.inputs) {
      try {
        const fromId = parseId(input.from.id);
        const toId = parseId(input.to.id);
        associate(portal.core, from, fromId, to, toId, 'default', src);
        results.push(
          defaultAssociationJson(
            fromId,
            toId,
            portal.core.associationTypes.defaultFor(from.name, to.name),
          ),
        );
      } catch (e) {
        if (!(e instanceof HubSpotError)) throw e;
        errors.push(
          batchError(e.category, e.message, {
            fromObjectId: [input.from.id],
            toObjectId: [input.to.id],
          }),
        );
      }
    }
    const [status, out] = batchResponse(started, results, errors);
    res.status(status).json(out);
  });

  r.post(`${BASE}/archive`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const { from, to } = types(portal, req);
    const body = parseBody(archiveInput, req);
    checkBatchSize(body.inputs.length, 2000);
    const src = sourceOf(res);
    for (const input of body.inputs) {
      for (const t of input.to)
        unassociate(portal.core, from, parseId(input.from.id), to, parseId(t.id), 'all', src);
    }
    res.status(204).end();
  });

  r.post(`${BASE}/labels/archive`, (req, res) => {
    const portal = portalOf(sandbox, res);
    const { from, to } = types(portal, req);
    const body = parseBody(createInput, req);
    checkBatchSize(body.inputs.length, 2000);
    const src = sourceOf(res);
    for (const input of body.inputs) {
      const ids = input.types.map((t) => t.associationTypeId);
      unassociate(portal.core, from, parseId(input.from.id), to, parseId(input.to.id), ids, src);
    }
    res.status(204).end();
  });

  return r;
}
