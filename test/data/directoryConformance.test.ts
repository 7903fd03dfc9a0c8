/**
 * The Directory contract (directoryConformance.ts) on both backends, in every run: the embedded file and
 * PostgreSQL. Then what only PostgreSQL has: several instances on one database.
 */
import { describe, expect, it } from '@jest/globals';
import type { HelpdeskStore } from '../../data/helpdeskStore.js';
import { organization } from '../helpers/fixtures.js';
import { openRestartableStore, withTwoInstances, type StoreKind } from '../helpers/storeUnderTest.js';
import { addService, describeDirectoryConformance, member, type DirectoryUnderTest } from './directoryConformance.js';

/** A new store of `kind`, opened as the bot opens it. */
async function openDirectory(kind: StoreKind): Promise<DirectoryUnderTest> {
  const { part, reopen, cleanup } = await openRestartableStore(kind, (store) => store.directory);
  return { directory: part, reopen, cleanup };
}

describeDirectoryConformance('HelpdeskFileDirectory', () => openDirectory('file'));

describeDirectoryConformance('PostgresDirectory', () => openDirectory('postgres'));

describe('PostgresDirectory on two instances (two pools on one database)', () => {
  const contoso = organization({ id: 'org-contoso', displayName: 'Contoso', domains: ['contoso.com'] });

  it('loses none of 50 read-then-write transactions raced from both instances', () =>
    withTwoInstances(async (first, second) => {
      await first.directory.save(contoso);
      await first.directory.transaction((tx) => tx.saveMember(member('counter@contoso.com', contoso.id)));
      const services = Array.from({ length: 50 }, (_, index) => `s${index}`);

      await Promise.all(services.map((service, index) => addService((index % 2 === 0 ? first : second).directory, 'counter@contoso.com', service)));

      for (const instance of [first, second]) {
        const stored = (await instance.directory.findMember('counter@contoso.com'))?.services ?? [];
        expect([...stored].sort()).toEqual([...services].sort());
      }
    }));

  it('gives a new domain claimed on both instances at once to exactly one organization', () =>
    withTwoInstances(async (first, second) => {
      for (let round = 0; round < 10; round++) {
        const domain = `race${round}.example`;
        const claim = (instance: HelpdeskStore, id: string) =>
          instance.directory.transaction(async (tx) => {
            if (await tx.findByDomain(domain)) return 'taken';
            await tx.saveOrganization(organization({ id, displayName: id, domains: [domain] }));
            await tx.saveMember(member(`${id}@${domain}`, id));
            return 'created';
          });

        const outcomes = await Promise.all([claim(first, `org-a${round}`), claim(second, `org-b${round}`)]);

        expect([...outcomes].sort()).toEqual(['created', 'taken']);
        const owner = await first.directory.findByDomain(domain);
        expect(await second.directory.findByDomain(domain)).toEqual(owner);
        expect(await first.directory.countMembers(owner!.id)).toBe(1);
      }
      expect(await first.directory.listOrganizations()).toHaveLength(10);
    }));

  it('refuses, on the second instance, a domain the first gave to another organization', () =>
    withTwoInstances(async (first, second) => {
      await first.directory.save(contoso);

      await expect(second.directory.save(organization({ id: 'org-grabber', displayName: 'Grabber', domains: ['CONTOSO.com'] }))).rejects.toThrow(
        'domain "contoso.com" already belongs to organization "org-contoso" (Contoso)',
      );
      expect(await second.directory.listOrganizations()).toEqual([contoso]);
    }));
});
