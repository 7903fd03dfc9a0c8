/**
 * The parts of an activity's shape the SDK relies on without checking, checked before a turn runs.
 * @remarks Found by fuzzing the endpoint (test/security/fuzzEndpoint.test.ts): each rule stands for an input
 * that used to fail the turn, which answers the user "something went wrong" and clears their conversation's
 * state (in a group chat, everyone's). A reply copies the activity's ids and accounts, and the SDK refuses to
 * send a reply whose fields have the wrong type; its state keys need a channel id; its mention handling and
 * the member events read `entities` and `membersAdded` as lists of objects. Anything that cannot be answered
 * is refused with 400 here instead.
 */

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Absent (undefined or JSON null, which the SDK's serializer skips) or a string. */
const optionalString = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';

/** What is wrong with the activity's shape beyond type, serviceUrl, conversation.id and from.id; undefined when nothing. */
export function activityShapeProblem(activity: Fields): string | undefined {
  if (typeof activity.channelId !== 'string' || !activity.channelId) return 'The activity has no "channelId".';
  const conversation = activity.conversation as Fields;
  // Channels use printable ASCII ids. Anything else cannot be answered: the connector client sends the id in
  // an HTTP header (x-ms-conversation-id), where a control character or one outside Latin-1 fails every
  // reply, and it puts the id in the reply's URL path without encoding a "/", so the reply goes elsewhere (as
  // it does for "." and "..", which the URL resolves as path steps).
  const conversationId = conversation.id as string;
  if (!/^[\x20-\x2e\x30-\x7e]+$/.test(conversationId) || conversationId === '.' || conversationId === '..') {
    return '"conversation.id" must be printable ASCII without "/".';
  }
  for (const field of ['id', 'replyToId', 'name'] as const) {
    if (!optionalString(activity[field])) return `"${field}" must be a string.`;
  }
  for (const field of ['name', 'conversationType', 'tenantId', 'aadObjectId', 'role'] as const) {
    if (!optionalString(conversation[field])) return `"conversation.${field}" must be a string.`;
  }
  if (conversation.isGroup !== undefined && conversation.isGroup !== null && typeof conversation.isGroup !== 'boolean') return '"conversation.isGroup" must be true or false.';
  const from = accountProblem(activity.from, 'from');
  if (from) return from;
  if (activity.recipient !== undefined) {
    const recipient = accountProblem(activity.recipient, 'recipient');
    if (recipient) return recipient;
  }
  for (const field of ['membersAdded', 'membersRemoved'] as const) {
    const members = activity[field];
    if (members === undefined) continue;
    if (!Array.isArray(members)) return `"${field}" must be a list of accounts.`;
    for (const member of members) {
      const problem = accountProblem(member, field);
      if (problem) return problem;
      if (typeof (member as Fields).id !== 'string') return `every account in "${field}" needs an "id".`;
    }
  }
  const { entities } = activity;
  if (entities !== undefined && (!Array.isArray(entities) || !entities.every((entity) => isObject(entity) && typeof entity.type === 'string'))) {
    return '"entities" must be a list of objects with a "type".';
  }
  return undefined;
}

/** A channel account: an object whose names and ids, where given, are strings. */
function accountProblem(value: unknown, field: string): string | undefined {
  if (!isObject(value)) return `"${field}" must be an object.`;
  for (const key of ['id', 'name', 'aadObjectId', 'role'] as const) {
    if (!optionalString(value[key])) return `"${field}.${key}" must be a string.`;
  }
  return undefined;
}
