/**
 * Generates a store file (DB_FILE) for the bench: `organizations` organizations and as many members, a
 * history of answers and audit entries, and `idleConversations` conversations parked in state (conversation
 * and user state, as botbuilder keys them). Written as JSON directly, in one go: fast even at 100,000.
 * @remarks Names are deterministic, so the load generator knows who is who without reading the file:
 * organization i owns `org<i>.example`; 60% are managed (with admins, most with a helpdesk contact and a
 * tenant id), 40% unmanaged (made by self-service signup, with members: takeover candidates).
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const ORG_TYPES = ['enterprise', 'school', 'smallBusiness'];
const SERVICES = ['Power BI', 'Microsoft Teams Exploratory', 'Power Apps', 'Microsoft Forms'];
const DAY = 24 * 60 * 60 * 1000;
const EPOCH = Date.parse('2025-01-06T09:00:00.000Z');

/** A GUID-shaped id derived from a name, so runs are repeatable. */
export function guidOf(name) {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const orgDomain = (i) => `org${i}.example`;
export const isManaged = (i) => i % 10 < 6;
export const tenantOf = (i) => (isManaged(i) ? guidOf(`tenant-${i}`) : undefined);
/** Index of the i-th unmanaged organization (i from 0), for scenarios that need one. */
export const unmanagedOrg = (k, organizations) => {
  const blocks = Math.floor(organizations / 10);
  const block = k % Math.max(1, blocks);
  return block * 10 + 6 + (Math.floor(k / Math.max(1, blocks)) % 4);
};

function organization(i) {
  const managed = isManaged(i);
  const at = new Date(EPOCH - (i % 700) * DAY).toISOString();
  const org = {
    id: guidOf(`org-${i}`),
    displayName: `Organization ${i}`,
    domains: i % 7 === 0 ? [orgDomain(i), `mail.org${i}.example`] : [orgDomain(i)],
    managed,
    orgType: managed ? ORG_TYPES[i % 3] : 'unknown',
    cloud: 'worldwide',
    admins: managed ? [{ name: `Admin ${i}`, email: `admin@${orgDomain(i)}`, since: at.slice(0, 10) }] : [],
    selfService: { allowEmailVerifiedUsers: !managed || i % 4 !== 0, allowAdHocSubscriptions: true },
    createdAt: at,
  };
  if (managed) org.tenantId = tenantOf(i);
  if (managed && i % 3 !== 0) org.helpdeskContact = { title: `IT desk of organization ${i}`, phone: '+31 20 123 4567', email: `it@${orgDomain(i)}` };
  return org;
}

function member(j, organizations, orgIds) {
  // Every unmanaged organization gets members first (a takeover needs some), then the rest spread over all.
  const unmanagedCount = organizations - Math.ceil((organizations * 6) / 10);
  const i = j < unmanagedCount * 2 ? unmanagedOrg(j % unmanagedCount, organizations) : j % organizations;
  return {
    email: `member${j}@${orgDomain(i)}`,
    orgId: orgIds[i],
    joinedVia: isManaged(i) ? 'admin' : 'selfService',
    services: isManaged(i) ? [] : [SERVICES[j % SERVICES.length]],
    joinedAt: new Date(EPOCH - (j % 500) * DAY).toISOString(),
  };
}

/** A conversation left halfway (waiting for the organization type) and its user's profile, as the bot stores them: the flow per person in the conversation. */
function idleState(k) {
  const conversation = {
    dialogState: {
      dialogStack: [
        {
          id: 'router',
          state: {
            dialogs: {
              dialogStack: [
                {
                  id: 'whoIsMyAdmin',
                  state: {
                    dialogs: {
                      dialogStack: [
                        { id: 'whoIsMyAdmin.steps', state: { options: {}, values: { instanceId: guidOf(`i-${k}`) }, stepIndex: 0 } },
                        { id: 'whoIsMyAdmin.orgTypePrompt', state: { options: {}, state: {} } },
                      ],
                    },
                  },
                },
              ],
            },
          },
        },
      ],
    },
    language: k % 2 ? 'nl' : 'en',
  };
  const user = { profile: { orgType: ORG_TYPES[k % 3] } };
  // Written a day ago: idle, but well within CONVERSATION_TTL_DAYS, so the bot keeps them for the whole run.
  const updatedAt = new Date(Date.now() - DAY).toISOString();
  return [
    [`msteams/conversations/idle-${k}/users/idle-user-${k}`, { eTag: guidOf(`ce-${k}`), json: JSON.stringify(conversation), updatedAt }],
    [`msteams/users/idle-user-${k}`, { eTag: guidOf(`ue-${k}`), json: JSON.stringify(user), updatedAt }],
  ];
}

/** The store's content; `answers` defaults to one per idle conversation. */
export function seedData({ organizations, idleConversations, answers = idleConversations }) {
  const orgs = Array.from({ length: organizations }, (_, i) => organization(i));
  const orgIds = orgs.map((org) => org.id);
  const members = Array.from({ length: organizations }, (_, j) => member(j, organizations, orgIds));
  const audit = [];
  for (let i = 0; i < organizations; i++) {
    if (!isManaged(i)) audit.push({ at: orgs[i].createdAt, actor: `member@${orgDomain(i)}`, action: 'signup', subject: orgDomain(i), outcome: 'created unmanaged organization' });
  }
  const state = Object.fromEntries(Array.from({ length: idleConversations }, (_, k) => idleState(k)).flat());
  const records = Array.from({ length: answers }, (_, a) => ({
    id: guidOf(`answer-${a}`),
    intent: ['whoIsMyAdmin', 'amIAdmin', 'signup', 'domainInUse'][a % 4],
    language: a % 2 ? 'nl' : 'en',
    orgId: orgIds[a % organizations],
    userId: `idle-user-${a % Math.max(1, idleConversations)}`,
    at: new Date(EPOCH + (a % 90) * DAY).toISOString(),
    ...(a % 3 === 0 ? { helpful: a % 6 === 0 } : {}),
  }));
  return { state, organizations: orgs, members, audit, takeovers: [], answers: records, tickets: [], ticketSequence: 0 };
}

/** Writes the store file as the bot writes it (data/file/helpdeskFile.ts: JSON on one line); returns its size in bytes. */
export async function writeSeed(path, options) {
  await mkdir(dirname(path), { recursive: true });
  const text = `${JSON.stringify(seedData(options))}\n`;
  await writeFile(path, text);
  return Buffer.byteLength(text);
}
