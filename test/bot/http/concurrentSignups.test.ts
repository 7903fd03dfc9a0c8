/**
 * 200 people sign up on one new domain at the same moment, each in their own Teams chat with the real
 * server: one organization with 200 members comes out, and it is still there after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnector } from '../../../devtools/localConnector.js';
import { format, stringsFor } from '../../../locales/strings.js';
import { startHttpBot } from '../../helpers/httpBot.js';
import { cardText, conversation } from '../../helpers/httpConversation.js';

const en = stringsFor('en');
const PEOPLE = 200;
const DOMAIN = 'rush.example';

let connector: LocalConnector;
beforeAll(async () => {
  connector = await LocalConnector.start();
});
afterAll(async () => {
  await connector.close();
});

describe('concurrent signups over HTTP', () => {
  it(`ends ${PEOPLE} simultaneous signups on one domain in one organization with ${PEOPLE} members`, async () => {
    const folder = await mkdtemp(join(tmpdir(), 'helpdesk-rush-'));
    const dbFile = join(folder, 'helpdesk.json');
    const bot = await startHttpBot({}, dbFile);
    try {
      const chats = Array.from({ length: PEOPLE }, (_, i) => ({ i, chat: conversation(bot, connector, { locale: 'en-US', userId: `user-${i}` }) }));
      const previews = await Promise.all(chats.map(({ i, chat }) => chat.say(`sign me up for Power BI with person${i}@${DOMAIN}`)));
      for (const preview of previews) expect(cardText(preview)).toContain(en.signup.previewTitle);

      const outcomes = await Promise.all(chats.map(({ chat }, n) => chat.press(previews[n]!, en.signup.confirm)));
      const created = outcomes.filter((reply) => cardText(reply).includes(format(en.signup.createdTitle, { domain: DOMAIN })));
      const joined = outcomes.filter((reply) => cardText(reply).includes(format(en.signup.joinedTitle, { org: DOMAIN })));
      expect(created).toHaveLength(1);
      expect(joined).toHaveLength(PEOPLE - 1);

      const organizations = await bot.app.directory.listOrganizations();
      expect(organizations.map((org) => org.domains)).toEqual([[DOMAIN]]);
      expect(await bot.app.directory.countMembers(organizations[0]!.id)).toBe(PEOPLE);
      await bot.stop();

      const restarted = await startHttpBot({}, dbFile);
      try {
        const again = await restarted.app.directory.findByDomain(DOMAIN);
        expect(again?.managed).toBe(false);
        expect(await restarted.app.directory.countMembers(again!.id)).toBe(PEOPLE);
        expect(await restarted.app.directory.findMember(`person${PEOPLE - 1}@${DOMAIN}`)).toMatchObject({ services: ['Power BI'], joinedVia: 'selfService' });
      } finally {
        await restarted.stop();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
