/**
 * The answer to "am I an admin?": the roles Microsoft shows for the user (where the organization granted the bot
 * consent) or what the bot knows, the two checks that show it in the portal, and the admin center per cloud.
 */
import { format, type Strings } from '../locales/strings.js';
import { adminCenterUrl } from '../services/organizations/adminCenter.js';
import { ADMIN_ROLES, adminRoleOf, type AdminRole } from '../services/models/adminRoles.js';
import { CLOUDS, US_GOVERNMENT_CLOUDS, type Cloud } from '../services/models/organization.js';
import type { HeldRole } from '../services/ports/microsoft.js';
import { consentLines, consentLink } from './adminAnswerCard.js';
import { answerCard, type CardAttachment, type CardButton, type CardLink } from './renderCard.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';
import { literalText } from './literalText.js';

export type AdminStatus =
  /** Microsoft Graph lists these directory roles for the user (at least one). */
  | { known: 'microsoftRoles'; roles: HeldRole[] }
  /** Microsoft Graph lists no directory role for the user; `admins`: the Global Administrators it lists, by name. */
  | { known: 'microsoftNoRoles'; admins?: string[] }
  | { known: 'recordedAdmin'; org: string }
  /** The directory records the organization's admins, and the user is not one of them: "No; X is", said to come from the records. */
  | { known: 'recordedOthers'; org: string; admins: string[] }
  | { known: 'unmanaged'; org: string }
  | { known: 'nothing' };

/**
 * @param consentUrl Where the user's organization grants the bot consent to read its roles (Graph answered "no
 * consent" for the tenant they chat from): a short line and a link button for their admin.
 */
export function amIAdminCard(t: Strings, cloud: Cloud, status: AdminStatus, consentUrl?: string): CardAttachment {
  const s = t.amIAdmin;
  const otherClouds = cloudButtons(t, cloud);
  const signIn = format(s.signIn, { url: adminCenterUrl(cloud) });
  const notAdmin = { ...topicButton(t, 'whoIsMyAdmin'), title: s.notAdminNext };
  if (status.known === 'microsoftRoles' || status.known === 'microsoftNoRoles') {
    // Microsoft answered: that is the answer; the checks that show it in the portal are behind a toggle.
    const seeIt = { toggle: t.microsoft.myRoles.seeItYourself, paragraphs: [signIn, s.tile, s.limitedRole] };
    if (status.known === 'microsoftNoRoles') {
      // "No; X is": the Global Administrators Microsoft lists, when it listed them.
      const who = status.admins && status.admins.length > 0 ? [format(t.microsoft.myRoles.globalAdmins, { admins: literalText(status.admins.join(', ')) })] : [];
      return answerCard({ title: s.title, paragraphs: [t.microsoft.myRoles.none, ...who], details: seeIt, note: s.cloudNote[cloud], actions: [notAdmin, ...otherClouds] });
    }
    const { paragraphs, links } = rolesText(t, status.roles);
    return answerCard({ title: s.title, paragraphs, details: seeIt, note: s.cloudNote[cloud], actions: otherClouds, links });
  }
  const paragraphs: string[] = [];
  if (status.known === 'recordedAdmin') paragraphs.push(format(s.recordedAdmin, { org: status.org }));
  if (status.known === 'unmanaged') paragraphs.push(format(s.unmanaged, { org: status.org }));
  if (status.known === 'recordedOthers') {
    paragraphs.push(format(status.admins.length === 1 ? s.recordedOthersOne : s.recordedOthersMany, { org: literalText(status.org), admins: literalText(status.admins.join(', ')) }));
  }
  // Knowing nothing, the check at the admin center is the answer, and the Admin tile the other way to see it. Knowing
  // more, that is the answer, and both checks that show it for sure are behind "More", with which cloud the address
  // is for, who gets an admin account, limited roles, home plans and what consent would let the bot read.
  const checks = paragraphs.length === 0 ? [s.tile] : [`**${s.checkTitle}**`, signIn, s.tile];
  if (paragraphs.length === 0) paragraphs.push(signIn);
  const next = status.known === 'unmanaged' ? topicButton(t, 'takeover') : notAdmin;
  const more = [...checks, s.cloudNote[cloud], s.purchaser, s.limitedRole, s.homePlans, ...(consentUrl ? [consentLines(t)] : [])];
  return answerCard({
    title: s.title,
    paragraphs,
    details: { toggle: t.common.more, paragraphs: more },
    ...(consentUrl ? { links: [consentLink(t, consentUrl)] } : {}),
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

/** Buttons for the other clouds: each one outside the US Government, and "US Government", which asks which of its three. */
function cloudButtons(t: Strings, cloud: Cloud): CardButton[] {
  const s = t.amIAdmin;
  const usGovernment: readonly Cloud[] = US_GOVERNMENT_CLOUDS;
  const others = CLOUDS.filter((other) => other !== cloud && !usGovernment.includes(other));
  return [
    ...others.map((other) => ({ title: s.cloudButtons[other], data: { verb: VERBS.chooseCloud, cloud: other } })),
    { title: s.usGovernmentButton, data: { verb: VERBS.chooseCloud, cloud: 'usGovernment' } },
  ];
}

/** "US Government" picked or named without saying which: GCC, GCC High or DoD, each with its own admin center. */
export function usGovernmentCloudCard(t: Strings): CardAttachment {
  const s = t.amIAdmin;
  return answerCard({
    title: s.usGovernmentTitle,
    paragraphs: [s.usGovernmentText],
    actions: US_GOVERNMENT_CLOUDS.map((cloud) => ({ title: s.cloudButtons[cloud], data: { verb: VERBS.chooseCloud, cloud } })),
  });
}
