/**
 * Reads the data a card button sent back. Card data come from the client and can be stale or forged,
 * so every field is checked here and anything unexpected becomes `{ verb: 'unknown' }`.
 */
import { isIntent, type Intent } from '../services/intents.js';
import { isCloud, isOrgType, type Cloud, type OrgType } from '../services/organization.js';
import { VERBS } from './verbs.js';

export type CardAction =
  | { verb: typeof VERBS.showHelp }
  | { verb: typeof VERBS.startTopic; topic: Intent }
  | { verb: typeof VERBS.chooseOrgType; orgType: OrgType }
  | { verb: typeof VERBS.changeOrgType }
  | { verb: typeof VERBS.chooseCloud; cloud: Cloud }
  | { verb: 'unknown' };

/** The action in an activity's `value`, or undefined when the activity carries no card action. */
export function readCardAction(value: unknown): CardAction | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const action = actionData(value as Record<string, unknown>);
  if (!action || !('verb' in action)) return undefined;
  switch (action.verb) {
    case VERBS.showHelp:
      return { verb: VERBS.showHelp };
    case VERBS.startTopic:
      return isIntent(action.topic) ? { verb: VERBS.startTopic, topic: action.topic } : { verb: 'unknown' };
    case VERBS.chooseOrgType:
      return isOrgType(action.orgType) ? { verb: VERBS.chooseOrgType, orgType: action.orgType } : { verb: 'unknown' };
    case VERBS.changeOrgType:
      return { verb: VERBS.changeOrgType };
    case VERBS.chooseCloud:
      return isCloud(action.cloud) ? { verb: VERBS.chooseCloud, cloud: action.cloud } : { verb: 'unknown' };
    default:
      return { verb: 'unknown' };
  }
}

/** Action.Submit sends its data as the value; an Action.Execute invoke sends `{ action: { verb, data } }`. */
function actionData(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const execute = value.action;
  if (!execute || typeof execute !== 'object') return value;
  const { verb, data } = execute as Record<string, unknown>;
  return { ...(data && typeof data === 'object' ? (data as Record<string, unknown>) : {}), verb };
}
