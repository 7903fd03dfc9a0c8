/**
 * The Directory contract (directoryConformance.ts) on both backends, in every run: the embedded file and
 * PostgreSQL. Then what only PostgreSQL has: several instances on one database.
 */
import { describe, expect, it } from '@jest/globals';
import type { HelpdeskStore } from '../../data/helpdeskStore.js';
import { openHelpdeskStore } from '../../data/openHelpdeskStore.js';
import { Database } from '../../data/postgres/database.js';
import { bundledMigrations, migrate } from '../../data/postgres/migrations.js';
import { organization } from '../helpers/fixtures.js';
import { createTestDatabase } from '../helpers/postgresDatabase.js';
import { openRestartableStore, withTwoInstances, type StoreKind } from '../helpers/storeUnderTest.js';
import { addService, describeDirectoryConformance, member, takeover, type DirectoryUnderTest } from './directoryConformance.js';

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

describe('PostgreSQL migration 0003 (organization_admins)', () => {
  it('lists the admins of organizations stored before it, and skips a row jsonb cannot read instead of failing', async () => {
    const database = await createTestDatabase();
    const sql = new Database(database.url);
    try {
      await migrate(sql, bundledMigrations().filter((migration) => migration.version < 3));
      const managed = organization({ id: 'org-contoso', displayName: 'Contoso', managed: true, domains: ['contoso.com'], admins: [{ name: 'Ada', email: 'Ada@Contoso.com', userId: 'aad-ada', since: '2024-01-15T09:00:00.000Z' }] });
      const withNul = organization({ id: 'org-nul', displayName: 'Nul', managed: true, domains: ['nul.example'], admins: [{ name: 'Bo\u0000b', email: 'bob@nul.example', since: '2024-01-15T09:00:00.000Z' }] });
      for (const org of [managed, withNul]) await sql.query('INSERT INTO organizations (id, tenant_id, data) VALUES ($1, $2, $3)', [org.id, null, JSON.stringify(org)]);

      expect((await migrate(sql, bundledMigrations().filter((migration) => migration.version <= 3))).version).toBe(3);

      const store = await openHelpdeskStore({ dbFile: '', databaseUrl: database.url }, 'a test');
      try {
        expect(await store.directory.organizationsAdministeredBy({ email: 'ada@contoso.com' })).toEqual([managed]);
        expect(await store.directory.organizationsAdministeredBy({ userId: 'aad-ada' })).toEqual([managed]);
        // Saved again, the row is listed by its admins.
        await store.directory.save(withNul);
        expect(await store.directory.organizationsAdministeredBy({ email: 'bob@nul.example' })).toEqual([withNul]);
      } finally {
        await store.close();
      }
    } finally {
      await sql.close();
      await database.drop();
    }
  });
});

describe('PostgreSQL migration 0004 (takeover statuses)', () => {
  it('moves the requests of the version that invented the value to waiting for the value, and leaves ended ones alone', async () => {
    const database = await createTestDatabase();
    const sql = new Database(database.url);
    try {
      await migrate(sql, bundledMigrations().filter((migration) => migration.version < 4));
      const legacy = (id: string, status: string) => ({ ...takeover(id, 'legacy.example'), value: undefined, token: 'MS=ms12345678', status });
      for (const request of [legacy('t-pending', 'pending'), legacy('t-verified', 'verified'), legacy('t-done', 'completed')]) {
        await sql.query('INSERT INTO takeovers (id, domain, status, data) VALUES ($1, $2, $3, $4)', [request.id, request.domain, request.status, JSON.stringify(request)]);
      }

      expect((await migrate(sql)).version).toBeGreaterThanOrEqual(4);

      expect(await sql.query('SELECT id, status FROM takeovers ORDER BY id')).toEqual([
        { id: 't-done', status: 'completed' },
        { id: 't-pending', status: 'waitingForValue' },
        { id: 't-verified', status: 'waitingForValue' },
      ]);
      const store = await openHelpdeskStore({ dbFile: '', databaseUrl: database.url }, 'a test');
      try {
        expect((await store.directory.openTakeovers()).map((request) => request.id)).toEqual(['t-pending', 't-verified']);
      } finally {
        await store.close();
      }
    } finally {
      await sql.close();
      await database.drop();
    }
  });
});
