/**
 * A Dutch user reads Dutch: no English sentence in a Dutch string or a Dutch reply, except Microsoft's own words
 * in quotes or brackets ("Uw IT-afdeling heeft registratie uitgeschakeld" (Your IT department has turned off signup)).
 * Checked on every Dutch string, and on what the bot answers in real Dutch conversations through the dialogs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { projectFile } from '../../lib/projectFiles.js';
import { stringsFor } from '../../locales/strings.js';
import { contoso, unmanagedTailspin } from '../helpers/fixtures.js';
import { press, useTestBots, type Reply, type TestBot, type TestBotOptions } from '../helpers/testBot.js';
import { englishSentencesIn } from './dutchText.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every string with its path; lists item by item. */
function texts(value: Json, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => texts(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => texts(child, path ? `${path}.${key}` : key));
  return [];
}

/** What users may type is read, not said (as in strings.test.ts). */
const TYPED_BY_USERS = /^commands\.|Words\[|Synonyms\[|\.cues\[|\.except\[/;

/** The paths of the strings that say something in English. */
function englishIn(strings: Json): string[] {
  return texts(strings)
    .filter((item) => !TYPED_BY_USERS.test(item.path))
    .flatMap((item) => englishSentencesIn(item.text).map((sentence) => `${item.path}: ${sentence}`));
}

const readDutch = (): Json => JSON.parse(readFileSync(projectFile('locales', 'nl', 'strings.json'), 'utf8')) as Json;

describe('englishSentencesIn', () => {
  it.each([
    ['Je kunt het hier zien. You can see it here.', ['You can see it here']],
    ['Meld je aan bij het beheercentrum. Sign in with your work account, then open Settings.', ['Sign in with your work account, then open Settings']],
    ['Vraag het je beheerder; the admin can reset your password', ['the admin can reset your password']],
    ['Druk op **Verify** and wait for the record to show up.', ['Druk op Verify and wait for the record to show up']],
  ])('finds the English sentence in %j', (text, expected) => {
    expect(englishSentencesIn(text)).toEqual(expected);
  });

  it.each([
    'Zie je "Uw IT-afdeling heeft registratie uitgeschakeld" (Your IT department has turned off signup)? Vraag het je beheerder.',
    'Kies **Ja, ik wil de beheerder zijn** (Yes, I want to be the admin).',
    'Zie je "Switch to an account that has permission"? Dan ben je geen beheerder.',
    'Voer Confirm-MsolDomain -DomainName {domain} -ForceTakeover Force uit in PowerShell.',
    'Power BI, Power Apps, Power Virtual Agents, Dynamics 365 for Financials en Minecraft Education Edition zijn selfservice.',
    'Typ het zo: sara@contoso.nl, of ga naar https://admin.microsoft.com/Adminportal/Home.',
    'Gebruik AllowEmailVerifiedUsers en AllowAdHocSubscriptions met Update-MgPolicyAuthorizationPolicy.',
    'Je hebt geen meldingen.',
  ])('leaves Dutch with quoted or bracketed English, names and commands alone: %j', (text) => {
    expect(englishSentencesIn(text)).toEqual([]);
  });
});

describe('Dutch strings', () => {
  it('say nothing in English outside quotes and brackets', () => {
    expect(englishIn(readDutch())).toEqual([]);
  });

  it('the check fails on a Dutch string with an English sentence in it', () => {
    const dutch = readDutch() as { tickets: { none: string; status: { open: string } } };
    const en = stringsFor('en');
    dutch.tickets.none = `${dutch.tickets.none} If I can't help with something, I'll open one.`;
    dutch.tickets.status.open = en.tickets.status.open;
    expect(englishIn(dutch)).toEqual(["tickets.none: If I can't help with something, I'll open one"]);
    // "waiting for a person" alone is too short to be sure of: short English labels are found by the English list.
    dutch.tickets.status.open = 'waiting for a person to pick it up';
    expect(englishIn(dutch)).toContain('tickets.status.open: waiting for a person to pick it up');
  });
});

/** A Dutch conversation: what the user types or presses (a button by its title), and who they are. */
interface Conversation {
  name: string;
  options?: TestBotOptions;
  turns: (string | { press: string })[];
}

const nl = stringsFor('nl');

const CONVERSATIONS: Conversation[] = [
  { name: 'who is my admin, at a school', turns: ['wie is mijn beheerder?', { press: nl.orgTypes.school }] },
  { name: 'who is my admin, from Contoso', options: { organizations: [contoso], tenantId: 'tenant-contoso', email: 'lotte@contoso.com' }, turns: ['wie is mijn beheerder?'] },
  { name: 'am I an admin', turns: ['ben ik beheerder?', 'dat hielp niet', 'nee'] },
  { name: 'signing up', turns: ['ik wil me registreren voor Power BI', 'sara@bakkerijdevries.nl', { press: nl.signup.confirm }] },
  { name: 'signing up with a personal address', turns: ['registreer me voor Power BI met piet@gmail.com'] },
  { name: 'signing up with a government address', turns: ['registreer me met jan@army.mil'] },
  { name: 'domain in use', options: { organizations: [unmanagedTailspin] }, turns: ['mijn domein is al in gebruik', 'tailspin.example'] },
  {
    name: 'taking over',
    options: { organizations: [unmanagedTailspin], email: 'sam@tailspin.example' },
    turns: ['hoe word ik beheerder van onze tenant?', 'tailspin.example', { press: nl.takeover.chooseInternal }, 'waar vind ik die waarde?', 'annuleren'],
  },
  {
    name: 'specific questions',
    turns: [
      'mag ik het TXT-record verwijderen als het domein geverifieerd is?',
      'hoe werkt een geforceerde overname?',
      'hoe lang duurt het voordat de DNS is bijgewerkt?',
      'wat betekent "Switch to an account that has permission"?',
      'wat is een onbeheerde organisatie?',
      'hoe blokkeer ik selfserviceregistratie?',
      'ik zie de tegel Beheer niet',
      'hoe krijg ik een licentie?',
      'wat is Teams Exploratory?',
      'kan ik een subdomein aan een andere organisatie toevoegen?',
      'hoe hef ik mijn account op?',
      'onze enige beheerder is vertrokken',
      'ik krijg de melding dat mijn IT-afdeling registreren heeft uitgezet',
      'hoe zet ik de contactgegevens van onze helpdesk in Microsoft 365?',
    ],
  },
  {
    name: 'a ticket',
    options: { organizations: [contoso], tenantId: 'tenant-contoso', email: 'lotte@contoso.com' },
    turns: ['ik wil een mens spreken', 'mijn wachtwoord werkt niet meer', 'ja', 'mijn meldingen'],
  },
  { name: 'help, thanks and cancel', turns: ['hulp', 'bedankt', 'annuleren', 'blabla qwerty'] },
];

const start = useTestBots();

async function talk(bot: TestBot, turns: Conversation['turns']): Promise<Reply[]> {
  const all: Reply[] = [];
  let last: Reply[] = [];
  for (const turn of turns) {
    last = await bot.say(typeof turn === 'string' ? turn : press(last, turn.press));
    all.push(...last);
  }
  return all;
}

describe('Dutch replies in Dutch conversations', () => {
  it.each(CONVERSATIONS)('$name: no English outside quotes and brackets', async ({ options, turns }) => {
    const bot = await start({ locale: 'nl-NL', ...options });
    const replies = await talk(bot, turns);
    expect(replies.length).toBeGreaterThanOrEqual(turns.length);
    const english = replies.flatMap((reply) => reply.all.split('\n').flatMap((line) => englishSentencesIn(line).map((sentence) => `${sentence}   [in: ${line}]`)));
    expect(english).toEqual([]);
  });
});
