/** The answer to "am I an admin?": what the bot knows, the two checks, and the admin center per cloud. */
import { format, type Strings } from '../locales/strings.js';
import { adminCenterUrl } from '../services/organizations/adminCenter.js';
import { CLOUDS, type Cloud } from '../services/models/organization.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';

export type AdminStatus = { known: 'recordedAdmin'; org: string } | { known: 'unmanaged'; org: string } | { known: 'nothing' };

export function amIAdminCard(t: Strings, cloud: Cloud, status: AdminStatus): CardAttachment {
  const s = t.amIAdmin;
  const paragraphs: string[] = [];
  if (status.known === 'recordedAdmin') paragraphs.push(format(s.recordedAdmin, { org: status.org }));
  if (status.known === 'unmanaged') paragraphs.push(format(s.unmanaged, { org: status.org }));
  paragraphs.push(s.purchaser, `**${s.checkTitle}**`, format(s.signIn, { url: adminCenterUrl(cloud) }), s.tile, s.limitedRole, s.homePlans);
  const otherClouds = CLOUDS.filter((other) => other !== cloud).map((other) => ({
    title: s.cloudButtons[other],
    data: { verb: VERBS.chooseCloud, cloud: other },
  }));
  const next = status.known === 'unmanaged' ? topicButton(t, 'takeover') : { ...topicButton(t, 'whoIsMyAdmin'), title: s.notAdminNext };
  return answerCard({ title: s.title, paragraphs, note: s.cloudNote[cloud], actions: [next, ...otherClouds] });
}
