import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { HelpdeskFile, type HelpdeskData } from '../../data/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../data/helpdeskFileDirectory.js';
import type { AuditEntry, Member } from '../../services/directory.js';
import { organization } from '../helpers/fixtures.js';
import { useTempStore } from '../helpers/tempStore.js';

const contoso = organization({ id: 'org-contoso', displayName: 'Contoso', domains: ['contoso.com'] });
const fabrikam = organization({ id: 'org-fabrikam', displayName: 'Fabrikam', domains: ['fabrikam.nl'] });

function member(email: string, orgId: string): Member {
  return { email, orgId, joinedVia: 'selfService', services: [], joinedAt: '2026-02-01T09:00:00.000Z' };
}

function audit(subject: string, outcome: string): AuditEntry {
  return { at: '2026-03-02T10:00:00.000Z', actor: 'cli', action: 'test', subject, outcome };
}

/** A promise and the function that resolves it, so a test decides when a transaction may go on. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('HelpdeskFileDirectory.transaction', () => {
  const store = useTempStore('directory-tx-');

  beforeEach(async () => {
    await store.directory.save(contoso);
  });

  async function onDisk(): Promise<HelpdeskData> {
    await store.file.flush();
    return JSON.parse(await readFile(store.path, 'utf8')) as HelpdeskData;
  }

  it('keeps nothing of a transaction that throws, in memory or on disk', async () => {
    const before = await onDisk();

    await expect(
      store.directory.transaction(async (tx) => {
        await tx.saveOrganization(fabrikam);
        await tx.saveMember(member('jan@fabrikam.nl', fabrikam.id));
        await tx.audit(audit('fabrikam.nl', 'created'));
        throw new Error('refused halfway');
      }),
    ).rejects.toThrow('refused halfway');

    expect(await store.directory.findByDomain('fabrikam.nl')).toBeUndefined();
    expect(await store.directory.findMember('jan@fabrikam.nl')).toBeUndefined();
    expect(await store.directory.auditTrail('fabrikam.nl', 10)).toEqual([]);
    expect(await onDisk()).toEqual(before);
    const reopened = new HelpdeskFileDirectory(await HelpdeskFile.open(store.path));
    expect(await reopened.listOrganizations()).toEqual([contoso]);
  });

  it('keeps what it committed and goes on working after a transaction threw', async () => {
    await expect(store.directory.transaction(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');

    await store.directory.transaction(async (tx) => tx.saveOrganization(fabrikam));

    expect(await store.directory.listOrganizations()).toEqual([contoso, fabrikam]);
    expect((await onDisk()).organizations).toEqual([contoso, fabrikam]);
  });

  it('shows its staged writes to readers outside only once it commits', async () => {
    const staged = gate();
    const mayCommit = gate();
    const running = store.directory.transaction(async (tx) => {
      await tx.saveOrganization(fabrikam);
      await tx.saveMember(member('jan@fabrikam.nl', fabrikam.id));
      await tx.audit(audit('fabrikam.nl', 'created'));
      staged.open();
      await mayCommit.opened;
      return 'committed';
    });
    await staged.opened;

    expect(await store.directory.findByDomain('fabrikam.nl')).toBeUndefined();
    expect(await store.directory.findById(fabrikam.id)).toBeUndefined();
    expect(await store.directory.findMember('jan@fabrikam.nl')).toBeUndefined();
    expect(await store.directory.countMembers(fabrikam.id)).toBe(0);
    expect(await store.directory.auditTrail('fabrikam.nl', 10)).toEqual([]);
    expect((await readFile(store.path, 'utf8')).includes('fabrikam')).toBe(false);

    mayCommit.open();
    expect(await running).toBe('committed');

    expect(await store.directory.findByDomain('fabrikam.nl')).toEqual(fabrikam);
    expect(await store.directory.findMember('jan@fabrikam.nl')).toEqual(member('jan@fabrikam.nl', fabrikam.id));
    expect(await store.directory.auditTrail('fabrikam.nl', 10)).toEqual([audit('fabrikam.nl', 'created')]);
    expect((await onDisk()).organizations).toEqual([contoso, fabrikam]);
  });

  it('runs a second transaction only after the first committed', async () => {
    const mayCommit = gate();
    const first = store.directory.transaction(async (tx) => {
      await tx.saveMember(member('sara@contoso.com', contoso.id));
      await mayCommit.opened;
    });
    let seenBySecond: number | undefined;
    const second = store.directory.transaction(async (tx) => {
      seenBySecond = await tx.countMembers(contoso.id);
    });

    mayCommit.open();
    await Promise.all([first, second]);

    expect(seenBySecond).toBe(1);
  });

  it('refuses to save an organization whose domain belongs to another, naming both, and writes nothing', async () => {
    const before = await onDisk();
    const grabber = organization({ id: 'org-grabber', displayName: 'Grabber', domains: ['grabber.nl', 'Contoso.COM'] });

    const attempt = store.directory.transaction(async (tx) => {
      await tx.saveMember(member('eve@grabber.nl', grabber.id));
      await tx.saveOrganization(grabber);
    });

    await expect(attempt).rejects.toThrow(/org-grabber.*contoso\.com.*org-contoso/);
    expect(await store.directory.findById('org-grabber')).toBeUndefined();
    expect(await store.directory.findByDomain('grabber.nl')).toBeUndefined();
    expect(await store.directory.findMember('eve@grabber.nl')).toBeUndefined();
    expect(await onDisk()).toEqual(before);
  });

  it('refuses two organizations sharing a domain within one transaction', async () => {
    const twin = organization({ id: 'org-twin', displayName: 'Twin', domains: ['fabrikam.nl'] });

    await expect(
      store.directory.transaction(async (tx) => {
        await tx.saveOrganization(fabrikam);
        await tx.saveOrganization(twin);
      }),
    ).rejects.toThrow(/org-twin.*fabrikam\.nl.*org-fabrikam/);
    expect(await store.directory.listOrganizations()).toEqual([contoso]);
  });

  it('lets a domain move when its old organization gives it up in the same transaction', async () => {
    const newOwner = organization({ id: 'org-new', displayName: 'New owner', domains: ['contoso.com'] });

    await store.directory.transaction(async (tx) => {
      await tx.saveOrganization({ ...contoso, domains: [] });
      await tx.saveOrganization(newOwner);
    });

    expect(await store.directory.findByDomain('contoso.com')).toEqual(newOwner);
  });

  it('counts staged members inside the transaction', async () => {
    await store.directory.transaction(async (tx) => {
      await tx.saveOrganization(fabrikam);
      await tx.saveMember(member('rob@contoso.com', contoso.id));
      await tx.saveMember(member('eva@contoso.com', contoso.id));
    });

    const counts = await store.directory.transaction(async (tx) => {
      const atStart = await tx.countMembers(contoso.id);
      await tx.saveMember(member('sara@contoso.com', contoso.id));
      await tx.saveMember(member('Sara@Contoso.com', contoso.id));
      await tx.saveMember(member('eva@contoso.com', fabrikam.id));
      return { atStart, contoso: await tx.countMembers(contoso.id), fabrikam: await tx.countMembers(fabrikam.id) };
    });

    expect(counts).toEqual({ atStart: 2, contoso: 2, fabrikam: 1 });
    expect(await store.directory.countMembers(contoso.id)).toBe(2);
    expect(await store.directory.countMembers(fabrikam.id)).toBe(1);
  });

  it('reads its own staged writes', async () => {
    const seen = await store.directory.transaction(async (tx) => {
      await tx.saveOrganization(fabrikam);
      await tx.saveMember(member('jan@fabrikam.nl', fabrikam.id));
      return { byDomain: await tx.findByDomain('FABRIKAM.nl'), byId: await tx.findById(fabrikam.id), member: await tx.findMember('Jan@Fabrikam.nl') };
    });

    expect(seen).toEqual({ byDomain: fabrikam, byId: fabrikam, member: member('jan@fabrikam.nl', fabrikam.id) });
  });

  it('stores member emails lower-case and finds them whatever their case', async () => {
    await store.directory.transaction((tx) => tx.saveMember(member('Sara.Jansen@Contoso.COM', contoso.id)));

    expect(await store.directory.findMember('SARA.JANSEN@contoso.com')).toMatchObject({ email: 'sara.jansen@contoso.com' });
    expect((await onDisk()).members.map((m) => m.email)).toEqual(['sara.jansen@contoso.com']);
  });

  it('keeps one member when the same address is saved in different cases', async () => {
    await store.directory.transaction((tx) => tx.saveMember(member('sara@contoso.com', contoso.id)));
    await store.directory.transaction((tx) => tx.saveMember({ ...member('SARA@contoso.com', contoso.id), services: ['Power BI'] }));

    expect((await onDisk()).members).toEqual([{ ...member('sara@contoso.com', contoso.id), services: ['Power BI'] }]);
  });

  it('stores domains lower-case', async () => {
    await store.directory.save(organization({ id: 'org-bucher', displayName: 'Bücher', domains: ['XN--BCHER-KVA.NL', 'Fabrikam.NL'] }));

    expect(await store.directory.findByDomain('fabrikam.nl')).toMatchObject({ id: 'org-bucher', domains: ['xn--bcher-kva.nl', 'fabrikam.nl'] });
    expect((await onDisk()).organizations.find((org) => org.id === 'org-bucher')?.domains).toEqual(['xn--bcher-kva.nl', 'fabrikam.nl']);
  });
});
