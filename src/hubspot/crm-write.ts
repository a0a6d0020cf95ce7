import type { Client } from '@hubspot/api-client';
import {
  AssociationSpecAssociationCategoryEnum,
  FilterOperatorEnum,
} from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { callHubSpot, upstreamCategoryOf, upstreamStatusOf, type CallOptions } from './call.js';
import type { CrmObject } from './crm-read.js';

/**
 * Writes to HubSpot. Values written are the whole new value, so repeating a
 * write is harmless. Batch updates go 100 at a time; HubSpot rejects a whole
 * batch for one bad value, so a rejected batch is halved until the bad inputs
 * are found: the good ones are written and each bad one gets its own error.
 */

export const BATCH_WRITE_SIZE = 100;

export interface ObjectUpdate {
  id: string;
  properties: Record<string, string>;
}

export interface WriteError {
  id: string;
  /** HubSpot's HTTP status, null when it did not say. */
  status: number | null;
  category: string | null;
  message: string;
}

export interface BatchUpdateResult {
  updated: string[];
  errors: WriteError[];
  calls: number;
}

/** Statuses that concern some inputs only; anything else (401, 403, 5xx after retries) is thrown. */
const PER_INPUT_STATUSES = new Set([400, 404, 409]);

interface StandardErrorLike {
  status?: string;
  category?: string;
  message?: string;
  context?: Record<string, string[]>;
}

export async function batchUpdateObjects(
  client: Client,
  objectType: string,
  inputs: readonly ObjectUpdate[],
  options: CallOptions = {},
): Promise<BatchUpdateResult> {
  // HubSpot refuses a batch naming an id twice: merge them, later values win.
  const merged = new Map<string, Record<string, string>>();
  for (const input of inputs) {
    const id = String(input.id);
    merged.set(id, { ...merged.get(id), ...input.properties });
  }
  const all = [...merged].map(([id, properties]) => ({ id, properties }));
  const result: BatchUpdateResult = { updated: [], errors: [], calls: 0 };

  const write = async (chunk: ObjectUpdate[]): Promise<void> => {
    let res;
    result.calls++;
    try {
      res = await callHubSpot(
        `POST /crm/v3/objects/${objectType}/batch/update`,
        () => client.crm.objects.batchApi.update(objectType, { inputs: chunk }),
        options,
      );
    } catch (error) {
      const status = upstreamStatusOf(error);
      if (status === null || !PER_INPUT_STATUSES.has(status)) throw error;
      if (chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        await write(chunk.slice(0, half));
        await write(chunk.slice(half));
        return;
      }
      result.errors.push({
        id: chunk[0].id,
        status,
        category: upstreamCategoryOf(error),
        message: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const asked = new Set(chunk.map((c) => c.id));
    const done = new Set(res.results.map((r) => String(r.id)).filter((id) => asked.has(id)));
    result.updated.push(...done);
    const named = new Set<string>();
    const errors: StandardErrorLike[] =
      'errors' in res && Array.isArray(res.errors) ? res.errors : [];
    for (const e of errors) {
      for (const id of e.context?.ids ?? []) {
        if (!asked.has(id) || done.has(id) || named.has(id)) continue;
        named.add(id);
        result.errors.push({
          id,
          status: e.status !== undefined && /^\d+$/.test(e.status) ? Number(e.status) : null,
          category: e.category ?? null,
          message: e.message ?? 'HubSpot reported an error for this record',
        });
      }
    }
    for (const id of asked) {
      if (done.has(id) || named.has(id)) continue;
      result.errors.push({
        id,
        status: null,
        category: errors[0]?.category ?? null,
        message: 'HubSpot did not confirm the update (the record may be deleted or merged)',
      });
    }
  };

  for (let i = 0; i < all.length; i += BATCH_WRITE_SIZE) {
    await write(all.slice(i, i + BATCH_WRITE_SIZE));
  }
  return result;
}

// Tasks (alert follow-ups) ------------------------------------------------------

/** HubSpot-defined association types from a task. */
export const TASK_TO_COMPANY = 192;
export const TASK_TO_CONTACT = 204;

export interface TaskInput {
  /** hs_task_subject, hs_task_body, hs_timestamp (due), hubspot_owner_id, hs_task_priority, … */
  properties: Record<string, string>;
  companyIds?: string[];
  contactIds?: string[];
}

export async function createTask(
  client: Client,
  input: TaskInput,
  options: CallOptions = {},
): Promise<{ id: string }> {
  const to = (ids: string[] | undefined, typeId: number) =>
    (ids ?? []).map((id) => ({
      to: { id },
      types: [
        {
          associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined,
          associationTypeId: typeId,
        },
      ],
    }));
  const created = await callHubSpot(
    'POST /crm/v3/objects/tasks',
    () =>
      client.crm.objects.basicApi.create('tasks', {
        properties: input.properties,
        associations: [
          ...to(input.companyIds, TASK_TO_COMPANY),
          ...to(input.contactIds, TASK_TO_CONTACT),
        ],
      }),
    options,
  );
  return { id: String(created.id) };
}

export async function updateTask(
  client: Client,
  taskId: string,
  properties: Record<string, string>,
  options: CallOptions = {},
): Promise<void> {
  await callHubSpot(
    'PATCH /crm/v3/objects/tasks/{id}',
    () => client.crm.objects.basicApi.update('tasks', taskId, { properties }),
    options,
  );
}

/** HubSpot's IN filter takes at most 100 values. */
const IN_VALUES = 100;

/** Tasks whose `propertyName` is one of `values` (e.g. the alert key we stamped on them). */
export async function searchTasksByProperty(
  client: Client,
  propertyName: string,
  values: readonly string[],
  properties: string[],
  options: CallOptions = {},
): Promise<CrmObject[]> {
  const found: CrmObject[] = [];
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += IN_VALUES) {
    const chunk = unique.slice(i, i + IN_VALUES);
    let after: string | undefined;
    do {
      const page = await callHubSpot(
        'POST /crm/v3/objects/tasks/search',
        () =>
          client.crm.objects.searchApi.doSearch('tasks', {
            filterGroups: [
              { filters: [{ propertyName, operator: FilterOperatorEnum.In, values: chunk }] },
            ],
            properties: [...new Set([propertyName, ...properties])],
            limit: 200,
            ...(after !== undefined ? { after } : {}),
          }),
        options,
      );
      for (const r of page.results) {
        found.push({
          id: String(r.id),
          properties: { ...r.properties },
          updatedAt: r.updatedAt instanceof Date ? r.updatedAt.toISOString() : null,
          archived: false,
          associations: {},
        });
      }
      after = page.paging?.next?.after;
    } while (after);
  }
  return found;
}
