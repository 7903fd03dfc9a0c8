/** Asks what kind of organization the user is in; the answer picks the "who is my admin?" guidance. */
import type { Strings } from '../locales/strings.js';
import { ORG_TYPES } from '../services/models/organization.js';
import { questionCard, type CardAttachment } from './renderCard.js';
import { VERBS } from './verbs.js';

export function orgTypeCard(t: Strings): CardAttachment {
  return questionCard({
    title: t.whoIsMyAdmin.askTitle,
    question: t.whoIsMyAdmin.askText,
    choices: ORG_TYPES.map((orgType) => ({ title: t.orgTypes[orgType], data: { verb: VERBS.chooseOrgType, orgType } })),
  });
}
