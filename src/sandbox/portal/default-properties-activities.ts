import { upper } from './default-property-options.js';
import { dt, num, owner, select, str, text, base } from './property-seed-helpers.js';
import type { PropertySeed } from './property-types.js';

/** HubSpot's default properties of activities (tasks, notes, meetings, calls, emails). */
function engagement(group: string, own: PropertySeed[]): PropertySeed[] {
  return [
    ...base(group, 'hs_createdate'),
    dt('hs_timestamp', 'Activity date', group),
    owner(group),
    ...own,
  ];
}

export const TASK = engagement('task', [
  str('hs_task_subject', 'Task Title', 'task'),
  text('hs_task_body', 'Notes', 'task'),
  select(
    'hs_task_status',
    'Task Status',
    'task',
    upper('NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'),
  ),
  select('hs_task_priority', 'Priority', 'task', upper('NONE', 'LOW', 'MEDIUM', 'HIGH')),
  select(
    'hs_task_type',
    'Task Type',
    'task',
    upper('CALL', 'EMAIL', 'LINKED_IN', 'MEETING', 'TODO'),
  ),
  dt('hs_task_completion_date', 'Completed at', 'task'),
]);
export const NOTE = engagement('note', [text('hs_note_body', 'Note body', 'note')]);
export const MEETING = engagement('meeting', [
  str('hs_meeting_title', 'Meeting name', 'meeting'),
  text('hs_meeting_body', 'Meeting description', 'meeting'),
  text('hs_internal_meeting_notes', 'Internal Meeting Notes', 'meeting'),
  dt('hs_meeting_start_time', 'Start Time', 'meeting'),
  dt('hs_meeting_end_time', 'End Time', 'meeting'),
  str('hs_meeting_location', 'Location', 'meeting'),
  select(
    'hs_meeting_outcome',
    'Meeting outcome',
    'meeting',
    upper('SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED'),
  ),
]);
export const CALL = engagement('call', [
  str('hs_call_title', 'Call Title', 'call'),
  text('hs_call_body', 'Call notes', 'call'),
  num('hs_call_duration', 'Call duration', 'call'),
  select('hs_call_direction', 'Call direction', 'call', upper('INBOUND', 'OUTBOUND')),
  select(
    'hs_call_status',
    'Call status',
    'call',
    upper(
      'BUSY',
      'CALLING_CRM_USER',
      'CANCELED',
      'COMPLETED',
      'CONNECTING',
      'FAILED',
      'IN_PROGRESS',
      'NO_ANSWER',
      'QUEUED',
      'RINGING',
    ),
  ),
  str('hs_call_disposition', 'Call outcome', 'call'),
  str('hs_call_from_number', 'From number', 'call'),
  str('hs_call_to_number', 'To number', 'call'),
]);
export const EMAIL = engagement('email', [
  str('hs_email_subject', 'Email subject', 'email'),
  text('hs_email_text', 'Email body', 'email'),
  text('hs_email_html', 'Email HTML body', 'email'),
  text('hs_email_headers', 'Email headers', 'email'),
  select(
    'hs_email_direction',
    'Email direction',
    'email',
    upper('EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL'),
  ),
  select(
    'hs_email_status',
    'Email send status',
    'email',
    upper('BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING', 'SENT'),
  ),
]);
