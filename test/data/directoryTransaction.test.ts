/**
 * Directory transactions in the store file: what reaches the disk, and when. How transactions behave (on
 * the file and on PostgreSQL) is directoryConformance.test.ts.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { HelpdeskFile, type HelpdeskData } from '../../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../data/file/helpdeskFileDirectory.js';
import { organization } from '../helpers/fixtures.js';
import { useTempStore } from '../helpers/tempStore.js';
import { audit, gate, member } from './directoryConformance.js';

const contoso = organization({ id: 'org-contoso', displayName: 'Contoso', domains: ['contoso.com'] });
const fabrikam = organization({ id: 'org-fabrikam', displayName: 'Fabrikam', domains: ['fabrikam.nl'] });

describe('HelpdeskFileDirectory.transaction (the store file)', () => {
  const store = useTempStore('directory-tx-');

  beforeEach(async () => {
    await store.directory.save(contoso);
  });

  async function onDisk(): Promise<HelpdeskData> {
    await store.file.flush();
    // The data, without the store file's own id (which is not part of it).
    const data = JSON.parse(await readFile(store.path, 'utf8')) as HelpdeskData & { storeFileId?: string };
    delete data.storeFileId;
    return data;
  }

  it('leaves the file as it was after a transaction that throws', async () => {
    const before = await onDisk();

    await expect(
      store.directory.transaction(async (tx) => {
        await tx.saveOrganization(fabrikam);
        await tx.saveMember(member('jan@fabrikam.nl', fabrikam.id));
        await tx.audit(audit('fabrikam.nl', 'created'));
        throw new Error('refused halfway');
      }),
    ).rejects.toThrow('refused halfway');

    expect(store.file.data).toEqual(before);
    expect(await onDisk()).toEqual(before);
    const reopened = new HelpdeskFileDirectory(await HelpdeskFile.open(store.path));
    expect(await reopened.listOrganizations()).toEqual([contoso]);
  });

  it('writes a transaction to the file only once it commits', async () => {
    const staged = gate();
    const mayCommit = gate();
    const running = store.directory.transaction(async (tx) => {
      await tx.saveOrganization(fabrikam);
      await tx.saveMember(member('jan@fabrikam.nl', fabrikam.id));
      await tx.audit(audit('fabrikam.nl', 'created'));
      staged.open();
      await mayCommit.opened;
    });
    await staged.opened;

    expect((await readFile(store.path, 'utf8')).includes('fabrikam')).toBe(false);

    mayCommit.open();
    await running;

    const data = await onDisk();
    expect(data.organizations).toEqual([contoso, fabrikam]);
    expect(data.members).toEqual([member('jan@fabrikam.nl', fabrikam.id)]);
    expect(data.audit).toEqual([audit('fabrikam.nl', 'created')]);
  });

  it('leaves the file as it was when a domain belongs to another organization', async () => {
    const before = await onDisk();
    const grabber = organization({ id: 'org-grabber', displayName: 'Grabber', domains: ['grabber.nl', 'Contoso.COM'] });

    const attempt = store.directory.transaction(async (tx) => {
      await tx.saveMember(member('eve@grabber.nl', grabber.id));
      await tx.saveOrganization(grabber);
    });

    await expect(attempt).rejects.toThrow(/org-grabber.*contoso\.com.*org-contoso/);
    expect(await onDisk()).toEqual(before);
  });

  it('writes member emails lower-case, one entry per address', async () => {
    await store.directory.transaction((tx) => tx.saveMember(member('Sara.Jansen@Contoso.COM', contoso.id)));
    await store.directory.transaction((tx) => tx.saveMember({ ...member('SARA.JANSEN@contoso.com', contoso.id), services: ['Power BI'] }));

    expect((await onDisk()).members).toEqual([{ ...member('sara.jansen@contoso.com', contoso.id), services: ['Power BI'] }]);
  });

  it('writes domains lower-case', async () => {
    await store.directory.save(organization({ id: 'org-bucher', displayName: 'Bücher', domains: ['XN--BCHER-KVA.NL', 'Fabrikam.NL'] }));

    expect((await onDisk()).organizations.find((org) => org.id === 'org-bucher')?.domains).toEqual(['xn--bcher-kva.nl', 'fabrikam.nl']);
  });
});
