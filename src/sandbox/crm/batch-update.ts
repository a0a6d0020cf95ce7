import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { updateRecord } from '../portal/object-writes.js';
import type { ObjectTypeDef } from '../portal/object-types.js';
import type { PortalState } from '../portal/portal-state.js';
import type { CrmRecord } from '../portal/record.js';
import { checkBatchUnique, validateValues } from '../portal/write-validation.js';
import type { Sandbox } from '../sandbox.js';
import { BATCH_START, batchEnd, batchError, checkBatchSize } from './batch.js';
import { readBatchUpdate } from './fast-inputs.js';
import { param, parseBody, portalOf, sendJsonBytes, sourceOf } from './http.js';
import { answerBytes } from './json-bytes.js';
import { findRecord } from './lookup.js';
import { bytesWriterPerPropertyList, type RecordBytesWriter } from './record-bytes.js';
import { batchUpdateInput } from './schemas.js';

type UpdateInput = z.infer<typeof batchUpdateInput>['inputs'][number];

const byId = (input: UpdateInput): boolean =>
  input.idProperty === undefined || input.idProperty === 'hs_object_id';

/**
 * The inputs' records, looked up before any is written, when every input names
 * its record by id (ids do not change while a batch is written). 100 records
 * picked at random in a large table miss the cache on each lookup; issued
 * back to back the processor overlaps those misses. Undefined when an input
 * names its record by another unique property: an earlier input may change
 * that value, so those are looked up in turn, as they are written.
 */
function findAll(
  portal: PortalState,
  type: ObjectTypeDef,
  inputs: UpdateInput[],
): Array<CrmRecord | undefined> | undefined {
  if (!inputs.every(byId)) return undefined;
  const out = new Array<CrmRecord | undefined>(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = findRecord(portal, type, inputs[i].id);
  return out;
}

/** Same names in the same order (keys of parsed bodies are interned: an identity check each). */
function sameNames(a: string[], b: string[] | undefined): boolean {
  if (b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * POST …/batch/update: every input is validated first (HubSpot rejects the
 * whole batch on a bad value), then each found record is written and
 * answered with the properties its input named; ids not found give 207
 * with an error listing them.
 */
export function batchUpdateHandler(sandbox: Sandbox): RequestHandler {
  return (req, res) => {
    const started = Date.now();
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const body = readBatchUpdate(req.body) ?? parseBody(batchUpdateInput, req);
    const inputs = body.inputs;
    checkBatchSize(inputs.length);
    const values = inputs.map((input) => validateValues(portal.core, type, input.properties));
    checkBatchUnique(values, (n) => portal.core.isUnique(type, n));
    const src = sourceOf(res);
    const found = findAll(portal, type, inputs);
    const writerFor = bytesWriterPerPropertyList(portal.core, type);
    // Inputs usually name the same properties: their writer is reused without a lookup.
    let names: string[] | undefined;
    let write: RecordBytesWriter | undefined;
    const w = answerBytes.reset();
    w.ascii(BATCH_START);
    let n = 0;
    const missing: string[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      const rec = found ? found[i] : findRecord(portal, type, input.id, input.idProperty);
      if (!rec) {
        missing.push(input.id);
        continue;
      }
      updateRecord(portal.core, type, rec, values[i], src);
      w.comma(n++);
      const keys = Object.keys(input.properties);
      if (write === undefined || !sameNames(keys, names)) {
        names = keys;
        write = writerFor(keys);
      }
      write(w, rec);
    }
    const errors = missing.length
      ? [
          batchError(
            'OBJECT_NOT_FOUND',
            `Could not update some ${type.singular.toUpperCase()} objects, they may be deleted or not exist.`,
            { ids: missing },
          ),
        ]
      : [];
    sendJsonBytes(res, batchEnd(w, started, errors), w.handOver());
  };
}
