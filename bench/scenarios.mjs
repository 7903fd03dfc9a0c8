/**
 * The conversations the bench drives. Each scenario is a new Teams conversation with a new person (their
 * address comes back from the Teams member look-up, as in Teams); card buttons are pressed the way Teams
 * sends them: the button's data plus the card's pre-filled fields, as an Action.Submit message.
 * @remarks A step names the button it needs from the previous reply; when it is missing, the bot did not
 * answer as it should, and the scenario counts as an error.
 */
import { randomUUID } from 'node:crypto';
import { guidOf, isManaged, orgDomain, tenantOf, unmanagedOrg } from './seed.mjs';

const QUESTIONS = {
  en: [
    'who is my admin?',
    'am I an admin?',
    'how do I get into the admin center',
    'what happens when I sign up with my work address?',
    'why is my domain already in use?',
    'how do I become the admin of our tenant?',
    'I forgot my password, who can reset it?',
    'hello',
  ],
  nl: [
    'wie is mijn beheerder?',
    'ben ik beheerder?',
    'hoe kom ik in het beheercentrum',
    'wat gebeurt er als ik me aanmeld met mijn werkadres?',
    'waarom is mijn domein al in gebruik?',
    'hoe word ik beheerder van onze tenant',
    'ik ben mijn wachtwoord vergeten, wie kan het resetten?',
    'goedemorgen',
  ],
};
const WHO = { en: 'who is my admin?', nl: 'wie is mijn beheerder?' };
const SIGN_UP = { en: 'sign me up for Power BI with', nl: 'meld me aan voor Power BI met' };
const IN_USE = { en: 'it says my domain is already in use', nl: 'ik krijg de melding dat mijn domein al in gebruik is' };
const LOCALES = { en: 'en-US', nl: 'nl-NL' };

/** Picks with a seeded-enough generator per virtual user; Math.random is fine for a load mix. */
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/**
 * The mix: [weight, name, run]. `run(chat, ctx)` drives one conversation; ctx has `organizations`, a unique
 * `seq` and `lang`.
 */
export const HELPDESK_MIX = [
  [40, 'question', question],
  [20, 'whoIsMyAdmin', whoIsMyAdmin],
  [20, 'signup', signup],
  [20, 'takeoverStart', takeoverStart],
];

/** Someone at one of the directory's organizations (or at an unknown domain) asks a free-text question. */
async function question(chat, { lang }) {
  const replies = await chat.say(pick(QUESTIONS[lang]));
  chat.expectReply(replies);
  // About a third answer "Did this help?".
  if (Math.random() < 0.3 && chat.hasButton(replies, 'feedback')) chat.expectReply(await chat.press(replies, 'feedback', { helpful: true }));
}

/** Someone at a domain the bot does not know: asked the organization type, picks one, says it helped. */
async function whoIsMyAdmin(chat, { lang }) {
  const asked = await chat.say(WHO[lang]);
  const answer = await chat.press(asked, 'chooseOrgType', { orgType: pick(['school', 'enterprise', 'smallBusiness']) });
  await chat.press(answer, 'feedback', { helpful: true });
}

/** Self-service signup: half join an unmanaged organization of the directory, half create a new one. */
async function signup(chat, { lang }) {
  const preview = await chat.say(`${SIGN_UP[lang]} ${chat.email}`);
  chat.expectButton(await chat.press(preview, 'confirmSignup'), 'feedback');
}

/**
 * "My domain is already in use" up to the TXT record of an internal takeover: the card that asks for the value
 * Microsoft's wizard shows, and that value pasted in the chat (a whole record line, as people copy it).
 */
async function takeoverStart(chat, { lang, seq }) {
  const asked = await chat.say(IN_USE[lang]);
  const status = await chat.press(asked, 'submitDomain');
  const kinds = await chat.press(status, 'startTakeover');
  const valueCard = await chat.press(kinds, 'chooseTakeoverKind', { kind: 'internal' });
  chat.expectButton(valueCard, 'submitTakeoverValue');
  const record = await chat.say(`@ 3600 IN TXT "MS=ms${String(seq % 100_000_000).padStart(8, '0')}"`);
  chat.expectButton(record, 'verifyTakeover');
}

/** Who takes part in a scenario: their address (Teams member look-up) and tenant. */
export function personFor(name, { organizations, seq }) {
  switch (name) {
    case 'whoIsMyAdmin':
      return { email: `sam${seq}@unknown${seq}.example`, tenantId: guidOf(`unknown-tenant-${seq}`) };
    case 'signup': {
      if (seq % 2 === 0) return { email: `new${seq}@signup${seq}.example`, tenantId: guidOf(`signup-tenant-${seq}`) };
      const i = unmanagedOrg(seq, organizations);
      return { email: `joiner${seq}@${orgDomain(i)}`, tenantId: guidOf(`unmanaged-tenant-${i}`) };
    }
    case 'takeoverStart': {
      const i = unmanagedOrg(seq * 7 + 3, organizations);
      return { email: `taker${seq}@${orgDomain(i)}`, tenantId: guidOf(`unmanaged-tenant-${i}`) };
    }
    default: {
      if (seq % 10 === 9) return { email: `someone${seq}@elsewhere${seq}.example`, tenantId: guidOf(`elsewhere-${seq}`) };
      const i = Math.floor(Math.random() * organizations);
      return { email: `user${seq}@${orgDomain(i)}`, tenantId: isManaged(i) ? tenantOf(i) : guidOf(`unmanaged-tenant-${i}`) };
    }
  }
}

/** The baseline's mix: the same free-text questions, one per new conversation (an echo bot has no flows). */
export const BASELINE_MIX = [[100, 'question', async (chat, { lang }) => chat.expectReply(await chat.say(pick(QUESTIONS[lang])))]];

export function chooseScenario(mix) {
  const total = mix.reduce((sum, [weight]) => sum + weight, 0);
  let roll = Math.random() * total;
  for (const entry of mix) {
    roll -= entry[0];
    if (roll < 0) return entry;
  }
  return mix[mix.length - 1];
}

/** The activity a Teams personal chat sends, for this conversation. */
export function activityFor(conversation, extra) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: conversation.serviceUrl,
    locale: LOCALES[conversation.lang],
    conversation: { id: conversation.id, conversationType: 'personal', tenantId: conversation.tenantId },
    from: { id: conversation.userId, name: conversation.name, aadObjectId: conversation.aadObjectId },
    recipient: { id: '28:helpdesk-bot', name: 'Helpdesk' },
    channelData: { tenant: { id: conversation.tenantId } },
    ...extra,
  };
}
