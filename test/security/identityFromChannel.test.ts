/**
 * Who someone is comes from the channel (the Teams tenant and member look-up), never from an address they typed:
 * a typed address is a claim that shapes a signup's preview and is recorded as claimed, and the answers say so. Member
 * counts are for the organization's own people; the requester withdraws their own ticket from their own chat.
 * Transcripts through the real dialogs and store, in both languages.
 */
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { understandingFile } from '../../understanding/phrases.js';
import { maskEmail } from '../../services/signup/emailAddress.js';
import type { Organization } from '../../services/models/organization.js';
import { contoso, organization, unmanagedTailspin } from '../helpers/fixtures.js';
import { press, titleOf, useTestBots, type Reply } from '../helpers/testBot.js';

const start = useTestBots();

/** Known to the directory by its domain, with an admin: another organization than the person chatting. */
const NORTHWIND = organization({
  id: 'org-northwind',
  displayName: 'Northwind',
  domains: ['northwind.test'],
  admins: [{ name: 'Alex', email: 'alex@northwind.test', since: '2026-01-05T09:00:00.000Z' }],
});
/** Contoso with its helpdesk channel chosen: a ticket for Contoso would be posted there. */
const CONTOSO: Organization = {
  ...contoso,
  helpdeskChannel: { conversation: { conversation: { id: '19:it@thread.tacv2' } }, conversationId: '19:it@thread.tacv2', language: 'en', setBy: 'megan@contoso.com', setAt: '2026-02-01T09:00:00.000Z' },
};
const ADATUM = organization({ id: 'org-adatum', displayName: 'Adatum', domains: ['adatum.com'], tenantId: 'tenant-adatum' });

const LANGUAGES = [
  ['en', 'en-US', 'sign me up for Power BI with', 'who is my admin?', 'talk to a person', 'my tickets', 'is {domain} already in use?'],
  ['nl', 'nl-NL', 'registreer me voor Power BI met', 'wie is mijn beheerder?', 'ik wil een mens spreken', 'mijn meldingen', 'is {domain} al in gebruik?'],
] as const;

describe.each(LANGUAGES)('in %s', (language, locale, signMeUp, whoIsMyAdmin, talkToAPerson, myTickets, inUse) => {
  const t = stringsFor(language);

  /** "sign me up ... with ADDRESS", then "Yes, sign me up": the outcome card. */
  async function signUp(say: (input: string | object) => Promise<Reply[]>, address: string): Promise<Reply[]> {
    const preview = await say(`${signMeUp} ${address}`);
    expect(titleOf(preview)).toBe(t.signup.previewTitle);
    return say(press(preview, t.signup.confirm));
  }

  describe('an address typed where the channel gives none (Web Chat, the Emulator)', () => {
    it("does not show another organization's admins unmasked after a signup with their domain, and says why", async () => {
      const { say } = await start({ locale, organizations: [NORTHWIND] });
      const outcome = await signUp(say, 'mallory@northwind.test');
      expect(outcome[0]?.all).toContain(format(t.signup.claimedAddress, { address: 'mallory@northwind.test', domain: 'northwind.test' }));

      const answer = (await say(whoIsMyAdmin))[0]?.all ?? '';
      expect(answer).toContain(format(t.whoIsMyAdmin.claimedAddress, { address: 'mallory@northwind.test', org: 'Northwind' }));
      expect(answer).toContain(maskEmail('alex@northwind.test'));
      expect(answer).not.toContain('alex@northwind.test');
    });

    it("files no ticket into the organization's helpdesk channel, and the card says why", async () => {
      const bot = await start({ locale, organizations: [CONTOSO] });
      await signUp(bot.say, 'mallory@contoso.com');
      const asked = await bot.say(talkToAPerson);
      expect(asked[0]?.all).toContain(format(t.tickets.claimedAddress, { address: 'mallory@contoso.com', org: 'Contoso' }));
      expect(asked[0]?.all).toContain(t.tickets.askTextNoOrganization);

      const sent = await bot.say(press(asked, t.tickets.send, { question: 'Please give me access to the finance share' }));
      expect(sent[0]?.all).toContain(t.tickets.createdNoOrganization);
      const [ticket] = await bot.tickets.ticketsOf('user-1');
      expect(ticket?.orgId).toBeUndefined();
      expect(ticket?.requester.email).toBeUndefined();
    });

    it('records the member as claimed, and counts no answer for the organization', async () => {
      const bot = await start({ locale, organizations: [CONTOSO] });
      await signUp(bot.say, 'mallory@contoso.com');
      expect(await bot.directory.findMember('mallory@contoso.com')).toMatchObject({ orgId: CONTOSO.id, identity: 'claimed' });
      expect((await bot.tickets.figuresFor(CONTOSO.id, 0)).answered).toBe(0);
    });

    it('still pre-fills the address card with the address typed before', async () => {
      const { say } = await start({ locale, organizations: [NORTHWIND] });
      await signUp(say, 'mallory@northwind.test');
      const asked = await say(language === 'en' ? 'I want to sign up for Power BI' : 'ik wil me registreren voor Power BI');
      expect(asked.flatMap((reply) => reply.card?.inputs ?? []).find((input) => input.id === 'email')?.value).toBe('mallory@northwind.test');
    });
  });

  describe('a Teams user who types an address other than their own', () => {
    const teamsUser = { locale, tenantId: 'tenant-adatum', email: 'ivan@adatum.com', organizations: [ADATUM, CONTOSO] };

    it('records the typed address as claimed and says so, and stays in their own organization', async () => {
      const bot = await start(teamsUser);
      const outcome = await signUp(bot.say, 'olga@contoso.com');
      expect(outcome[0]?.all).toContain(format(t.signup.claimedAddress, { address: 'olga@contoso.com', domain: 'contoso.com' }));
      expect(await bot.directory.findMember('olga@contoso.com')).toMatchObject({ orgId: CONTOSO.id, identity: 'claimed' });

      const answer = (await bot.say(whoIsMyAdmin))[0]?.all ?? '';
      expect(answer).not.toContain('Contoso');
      expect(answer).not.toContain(t.whoIsMyAdmin.claimedAddress.slice(0, 20));
    });

    it('records their own address, as Teams gives it, as verified', async () => {
      const northwindInTeams = { ...NORTHWIND, tenantId: undefined };
      const bot = await start({ locale, tenantId: 'tenant-northwind', email: 'nora@northwind.test', organizations: [northwindInTeams] });
      const outcome = await signUp(bot.say, 'nora@northwind.test');
      expect(outcome[0]?.all).not.toContain(format(t.signup.claimedAddress, { address: 'nora@northwind.test', domain: 'northwind.test' }));
      expect(await bot.directory.findMember('nora@northwind.test')).toMatchObject({ identity: 'verified' });
    });
  });

  describe('member counts', () => {
    /** Two people signed up with Northwind addresses before. */
    async function withMembers(bot: Awaited<ReturnType<typeof start>>, org: Organization): Promise<void> {
      await bot.directory.transaction(async (tx) => {
        for (const email of [`a@${org.domains[0]}`, `b@${org.domains[0]}`]) {
          await tx.saveMember({ email, orgId: org.id, joinedVia: 'selfService', services: [], joinedAt: '2026-03-01T09:00:00.000Z', identity: 'verified' });
        }
      });
    }
    const northwindNoTenant = { ...NORTHWIND, tenantId: undefined };

    it('are not shown to an outsider previewing a signup', async () => {
      const bot = await start({ locale, organizations: [northwindNoTenant] });
      await withMembers(bot, northwindNoTenant);
      const preview = await bot.say(`${signMeUp} mallory@northwind.test`);
      expect(titleOf(preview)).toBe(t.signup.previewTitle);
      expect(preview[0]?.all).not.toContain(format(t.signup.colleaguesMany, { count: 2, domain: 'northwind.test' }));
    });

    it('are shown to someone Teams places in the organization', async () => {
      const bot = await start({ locale, tenantId: 'tenant-northwind', email: 'nora@northwind.test', organizations: [northwindNoTenant] });
      await withMembers(bot, northwindNoTenant);
      const preview = await bot.say(`${signMeUp} nora@northwind.test`);
      expect(preview[0]?.all).toContain(format(t.signup.colleaguesMany, { count: 2, domain: 'northwind.test' }));
    });

    it('of an unmanaged organization are not shown to an outsider asking whether its domain is in use, and are to its members', async () => {
      const outsider = await start({ locale, organizations: [unmanagedTailspin] });
      await withMembers(outsider, unmanagedTailspin);
      const answer = (await outsider.say(format(inUse, { domain: 'tailspin.example' })))[0]?.all ?? '';
      expect(answer).toContain(format(t.domainInUse.unmanagedTitle, { domain: 'tailspin.example' }));
      expect(answer).not.toContain(format(t.domainInUse.unmanagedMembers, { count: 2 }));

      const member = await start({ locale, tenantId: unmanagedTailspin.tenantId, email: 'c@tailspin.example', organizations: [unmanagedTailspin] });
      await withMembers(member, unmanagedTailspin);
      expect((await member.say(format(inUse, { domain: 'tailspin.example' })))[0]?.all).toContain(format(t.domainInUse.unmanagedMembers, { count: 2 }));
    });
  });

  describe('withdrawing a ticket', () => {
    /** A ticket from this chat, for Contoso's helpdesk (the user chats from Contoso's tenant). */
    async function withTicket(options: { groupChat?: boolean } = {}) {
      const bot = await start({ locale, tenantId: contoso.tenantId, email: 'lee@contoso.com', organizations: [CONTOSO], ...options });
      await bot.say(language === 'en' ? 'my password stopped working' : 'mijn wachtwoord werkt niet meer');
      const sent = await bot.say(press(await bot.say(talkToAPerson), t.tickets.send));
      expect(sent[0]?.all).toContain(format(t.tickets.createdTitle, { id: 'HD-1001' }));
      return bot;
    }

    it('is offered on "my tickets", withdraws the ticket, and shows it withdrawn in the helpdesk channel', async () => {
      const bot = await withTicket();
      const list = await bot.say(myTickets);
      const withdraw = format(t.tickets.withdraw, { id: 'HD-1001' });
      expect(list[0]?.card?.buttons.map((button) => button.title)).toEqual([withdraw]);

      expect((await bot.say(press(list, withdraw)))[0]?.text).toBe(format(t.tickets.withdrawnText, { id: 'HD-1001' }));
      expect(await bot.tickets.findTicket('HD-1001')).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
      expect(bot.desk.shownInChannel.map((ticket) => [ticket.id, ticket.status])).toEqual([['HD-1001', 'withdrawn']]);
      expect((await bot.tickets.openTicketsOf(CONTOSO.id)).map((ticket) => ticket.id)).toEqual([]);

      // Pressed again: it is withdrawn already, and the list shows it without a button.
      expect((await bot.say(press(list, withdraw)))[0]?.text).toBe(format(t.tickets.alreadyWithdrawn, { id: 'HD-1001' }));
      const after = await bot.say(myTickets);
      expect(after[0]?.all).toContain(t.tickets.status.withdrawn);
      expect(after[0]?.card?.buttons).toEqual([]);
    });

    it('is asked for by typing, which shows the open tickets to withdraw; nothing is withdrawn by the words alone', async () => {
      const bot = await withTicket();
      const typed = understandingFile(language).commands.withdrawTicket[0]!;
      const asked = await bot.say(typed);
      expect(titleOf(asked)).toBe(t.tickets.withdrawTitle);
      expect((await bot.tickets.findTicket('HD-1001'))?.status).toBe('open');
      await bot.say(press(asked, format(t.tickets.withdraw, { id: 'HD-1001' })));
      expect((await bot.tickets.findTicket('HD-1001'))?.status).toBe('withdrawn');
      expect((await bot.say(typed))[0]?.all).toContain(t.tickets.nothingToWithdraw);
    });

    it('is refused to anyone but the requester, and the ticket stays open', async () => {
      const bot = await withTicket();
      const forged = { value: { verb: 'withdrawTicket', ticket: 'HD-1001' }, from: { id: 'someone-else', name: 'Mallory' } };
      expect((await bot.say(forged))[0]?.text).toBe(format(t.tickets.withdrawNotYours, { id: 'HD-1001' }));
      expect((await bot.tickets.findTicket('HD-1001'))?.status).toBe('open');
      expect(bot.desk.shownInChannel).toEqual([]);
    });

    it('is refused in a group chat, where others read along', async () => {
      const bot = await withTicket({ groupChat: true });
      expect((await bot.say({ value: { verb: 'withdrawTicket', ticket: 'HD-1001' } }))[0]?.text).toBe(format(t.tickets.withdrawInOwnChat, { id: 'HD-1001' }));
      expect((await bot.tickets.findTicket('HD-1001'))?.status).toBe('open');
    });
  });
});
