/**
 * The answer to "am I an admin?": the roles Microsoft shows for the user (where the organization granted the bot
 * consent) or what the bot knows, the two checks that show it in the portal, and the admin center per cloud.
 */
import { format, type Strings } from '../locales/strings.js';
import { adminCenterUrl } from '../services/organizations/adminCenter.js';
import { ADMIN_ROLES, adminRoleOf, type AdminRole } from '../services/models/adminRoles.js';
import { CLOUDS, type Cloud } from '../services/models/organization.js';
import type { HeldRole } from '../services/ports/microsoft.js';
import { consentLines, consentLink } from './adminAnswerCard.js';
import { answerCard, type CardAttachment, type CardLink } from './renderCard.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';

export type AdminStatus =
  /** Microsoft Graph lists these directory roles for the user (at least one). */
  | { known: 'microsoftRoles'; roles: HeldRole[] }
  /** Microsoft Graph lists no directory role for the user. */
  | { known: 'microsoftNoRoles' }
  | { known: 'recordedAdmin'; org: string }
  | { known: 'unmanaged'; org: string }
  | { known: 'nothing' };

/**
 * @param consentUrl Where the user's organization grants the bot consent to read its roles (Graph answered "no
 * consent" for the tenant they chat from): a short line and a link button for their admin.
 */
export function amIAdminCard(t: Strings, cloud: Cloud, status: AdminStatus, consentUrl?: string): CardAttachment {
  const s = t.amIAdmin;
  const otherClouds = CLOUDS.filter((other) => other !== cloud).map((other) => ({
    title: s.cloudButtons[other],
    data: { verb: VERBS.chooseCloud, cloud: other },
  }));
  const signIn = format(s.signIn, { url: adminCenterUrl(cloud) });
  const notAdmin = { ...topicButton(t, 'whoIsMyAdmin'), title: s.notAdminNext };
  if (status.known === 'microsoftRoles' || status.known === 'microsoftNoRoles') {
    // Microsoft answered: that is the answer; the checks that show it in the portal are behind a toggle.
    const seeIt = { toggle: t.microsoft.myRoles.seeItYourself, paragraphs: [signIn, s.tile, s.limitedRole] };
    if (status.known === 'microsoftNoRoles') {
      return answerCard({ title: s.title, paragraphs: [t.microsoft.myRoles.none], details: seeIt, note: s.cloudNote[cloud], actions: [notAdmin, ...otherClouds] });
    }
    const { paragraphs, links } = rolesText(t, status.roles);
    return answerCard({ title: s.title, paragraphs, details: seeIt, note: s.cloudNote[cloud], actions: otherClouds, links });
  }
  const paragraphs: string[] = [];
  if (status.known === 'recordedAdmin') paragraphs.push(format(s.recordedAdmin, { org: status.org }));
  if (status.known === 'unmanaged') paragraphs.push(format(s.unmanaged, { org: status.org }));
  paragraphs.push(s.purchaser, `**${s.checkTitle}**`, signIn, s.tile, s.limitedRole, s.homePlans);
  const next = status.known === 'unmanaged' ? topicButton(t, 'takeover') : notAdmin;
  return answerCard({
    title: s.title,
    paragraphs,
    ...(consentUrl ? { after: [consentLines(t)], links: [consentLink(t, consentUrl)] } : {}),
    note: s.cloudNote[cloud],
    actions: [next, ...otherClouds],
  });
}

/**
 * "Yes: Microsoft shows you as User Administrator." and what each role can do, in Microsoft's own description for
 * the roles the bot knows (docs/facts.md section 10); for any other role, its name and Microsoft's list of roles.
 */
function rolesText(t: Strings, held: readonly HeldRole[]): { paragraphs: string[]; links: CardLink[] } {
  const m = t.microsoft;
  const order = Object.keys(ADMIN_ROLES) as AdminRole[];
  const known = [...new Set(held.flatMap((role) => adminRoleOf(role.roleTemplateId) ?? []))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const others = [...new Set(held.filter((role) => !adminRoleOf(role.roleTemplateId)).map((role) => role.displayName || role.roleTemplateId))];
  const names = [...known.map((role) => m.roles[role]), ...others];
  const paragraphs = [
    format(m.myRoles.yes, { roles: names.join(', ') }),
    ...known.map((role) => m.roleDescriptions[role]),
    ...others.map((role) => format(m.myRoles.unknownRole, { role })),
  ];
  return { paragraphs, links: others.length > 0 ? [{ title: m.myRoles.rolesPage, url: m.myRoles.rolesPageUrl }] : [] };
}
