import type { Client } from '@hubspot/api-client';
import type {
  PublicObjectSearchRequest,
  SimplePublicObjectInputForCreate,
} from '@hubspot/api-client/lib/codegen/crm/objects/tasks/index.js';
import type { BatchReadInputSimplePublicObjectId } from '@hubspot/api-client/lib/codegen/crm/objects/tasks/index.js';
import { statusOf, withRetry } from '../hubspot/retry.js';

/**
 * The HubSpot Tasks API calls of the alert tasks, through the api-client
 * (shared limiter and call counts via createHubSpotClient) with our retries.
 * Association type ids are HubSpot's defaults: task→company 192, task→contact 204.
 */

export const TASK_TO_COMPANY = 192;
export const TASK_TO_CONTACT = 204;

const TASK_PROPERTIES = [
  'hs_task_status',
  'hs_task_subject',
  'hs_task_priority',
  'hubspot_owner_id',
  'hs_timestamp',
];

export interface TaskSnapshot {
  id: string;
  status: string | null;
  subject: string | null;
  priority: string | null;
  ownerId: string | null;
  body?: string | null;
}

function snapshotOf(o: { id: string; properties: Record<string, string | null> }): TaskSnapshot {
  return {
    id: o.id,
    status: o.properties.hs_task_status ?? null,
    subject: o.properties.hs_task_subject ?? null,
    priority: o.properties.hs_task_priority ?? null,
    ownerId: o.properties.hubspot_owner_id ?? null,
    body: o.properties.hs_task_body,
  };
}

/** The task carrying our key in its body, if any (CONTAINS_TOKEN on hs_task_body). */
export async function findTaskByKey(client: Client, key: string): Promise<TaskSnapshot | null> {
  const request = {
    filterGroups: [
      { filters: [{ propertyName: 'hs_task_body', operator: 'CONTAINS_TOKEN', value: key }] },
    ],
    properties: TASK_PROPERTIES,
    sorts: ['hs_object_id'],
    limit: 10,
    after: '0',
  } as unknown as PublicObjectSearchRequest;
  const page = await withRetry(() => client.crm.objects.tasks.searchApi.doSearch(request));
  // The oldest one wins should two ever exist (e.g. someone copied the body).
  const first = page.results[0];
  return first ? snapshotOf(first) : null;
}

export async function createTask(
  client: Client,
  properties: Record<string, string>,
  links: { companyIds: readonly string[]; contactIds: readonly string[] },
): Promise<string> {
  const assoc = (id: string, typeId: number) => ({
    to: { id },
    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }],
  });
  const companies = [...new Set(links.companyIds)].slice(0, 100);
  const input = {
    properties,
    associations: [
      ...companies.map((c) => assoc(c, TASK_TO_COMPANY)),
      ...[...new Set(links.contactIds)].map((c) => assoc(c, TASK_TO_CONTACT)),
    ],
  } as unknown as SimplePublicObjectInputForCreate;
  try {
    const created = await withRetry(() => client.crm.objects.tasks.basicApi.create(input));
    return created.id;
  } catch (error) {
    // A contact of the evidence may be gone (archived, merged): create without the contacts.
    if (statusOf(error) !== 400 && statusOf(error) !== 404) throw error;
    if (links.contactIds.length === 0) throw error;
    const bare = {
      properties,
      associations: companies.map((c) => assoc(c, TASK_TO_COMPANY)),
    } as unknown as SimplePublicObjectInputForCreate;
    const created = await withRetry(() => client.crm.objects.tasks.basicApi.create(bare));
    return created.id;
  }
}

/** A task by id with its body; null when it is gone (deleted in HubSpot). */
export async function getTask(client: Client, id: string): Promise<TaskSnapshot | null> {
  try {
    const task = await withRetry(() =>
      client.crm.objects.tasks.basicApi.getById(id, [...TASK_PROPERTIES, 'hs_task_body']),
    );
    return snapshotOf(task);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

export async function updateTask(
  client: Client,
  id: string,
  properties: Record<string, string>,
): Promise<void> {
  await withRetry(() => client.crm.objects.tasks.basicApi.update(id, { properties }));
}

/** Status of many tasks (batches of 100); ids HubSpot no longer has are left out. */
export async function readTaskStatuses(
  client: Client,
  ids: readonly string[],
): Promise<Map<string, TaskSnapshot>> {
  const out = new Map<string, TaskSnapshot>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100);
    const body = {
      inputs: chunk.map((id) => ({ id })),
      properties: TASK_PROPERTIES,
      propertiesWithHistory: [],
    } as unknown as BatchReadInputSimplePublicObjectId;
    const res = await withRetry(() => client.crm.objects.tasks.batchApi.read(body));
    for (const r of res.results) out.set(r.id, snapshotOf(r));
  }
  return out;
}
