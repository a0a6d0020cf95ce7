/**
 * The object types a portal knows: HubSpot's standard ones (fixed ids such as
 * companies = 0-2) plus custom/app object types registered per portal.
 */
export interface ObjectTypeDef {
  /** Plural API name: 'companies'; custom types use their schema name. */
  name: string;
  /** '0-2' for companies, '2-123' for custom objects. */
  objectTypeId: string;
  singular: string;
  /** For custom types: 'p<portalId>_<name>'; standard types use their name. */
  fullyQualifiedName: string;
  /** Property returned when no `properties` are asked for. */
  defaultProperties: string[];
  primaryDisplayProperty: string;
  custom: boolean;
}

const standard = (
  name: string,
  objectTypeId: string,
  singular: string,
  defaultProperties: string[],
  primaryDisplayProperty: string,
): ObjectTypeDef => ({
  name,
  objectTypeId,
  singular,
  fullyQualifiedName: name,
  defaultProperties,
  primaryDisplayProperty,
  custom: false,
});

const BASE = ['createdate', 'hs_lastmodifieddate', 'hs_object_id'];
const ENGAGEMENT = ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'];

export const STANDARD_OBJECT_TYPES: readonly ObjectTypeDef[] = [
  standard(
    'contacts',
    '0-1',
    'contact',
    ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    'email',
  ),
  standard(
    'companies',
    '0-2',
    'company',
    ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    'name',
  ),
  standard(
    'deals',
    '0-3',
    'deal',
    [
      'amount',
      'closedate',
      'createdate',
      'dealname',
      'dealstage',
      'hs_lastmodifieddate',
      'hs_object_id',
      'pipeline',
    ],
    'dealname',
  ),
  standard(
    'tickets',
    '0-5',
    'ticket',
    [...BASE, 'subject', 'content', 'hs_pipeline', 'hs_pipeline_stage'],
    'subject',
  ),
  standard('tasks', '0-27', 'task', [...ENGAGEMENT], 'hs_task_subject'),
  standard('notes', '0-46', 'note', [...ENGAGEMENT], 'hs_note_body'),
  standard('meetings', '0-47', 'meeting', [...ENGAGEMENT], 'hs_meeting_title'),
  standard('calls', '0-48', 'call', [...ENGAGEMENT], 'hs_call_title'),
  standard('emails', '0-49', 'email', [...ENGAGEMENT], 'hs_email_subject'),
];

/** Engagement types carry `hs_timestamp`; meetings/calls/emails count as sales activity. */
export const ENGAGEMENT_TYPES = new Set(['tasks', 'notes', 'meetings', 'calls', 'emails']);
export const SALES_ACTIVITY_TYPES = new Set(['meetings', 'calls', 'emails']);

/** Looks a type up by plural/singular name, objectTypeId or fully qualified name (case-insensitive). */
export class ObjectTypeRegistry {
  private readonly byKey = new Map<string, ObjectTypeDef>();
  private readonly all: ObjectTypeDef[] = [];

  constructor(types: readonly ObjectTypeDef[] = STANDARD_OBJECT_TYPES) {
    for (const t of types) this.add(t);
  }

  /** Registers a type; `aliases` are extra names it can be addressed by. */
  add(t: ObjectTypeDef, aliases: string[] = []): void {
    this.all.push(t);
    for (const key of [t.name, t.singular, t.objectTypeId, t.fullyQualifiedName, ...aliases]) {
      if (!this.byKey.has(key.toLowerCase())) this.byKey.set(key.toLowerCase(), t);
    }
  }

  resolve(nameOrId: string): ObjectTypeDef | undefined {
    return this.byKey.get(nameOrId.toLowerCase());
  }

  list(): readonly ObjectTypeDef[] {
    return this.all;
  }

  customTypes(): ObjectTypeDef[] {
    return this.all.filter((t) => t.custom);
  }
}
