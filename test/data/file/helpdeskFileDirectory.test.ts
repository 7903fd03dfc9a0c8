/**
 * What only the file backend does: what the directory leaves in the store file. The Directory contract
 * itself, on the file and on PostgreSQL, is directoryConformance.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { HelpdeskFile, type HelpdeskData } from '../../../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../../data/file/helpdeskFileDirectory.js';
import { useTempStore } from '../../helpers/tempStore.js';
import { member, organization, takeover } from '../directoryConformance.js';

describe('HelpdeskFileDirectory (the store file)', () => {
  const store = useTempStore('helpdesk-');

  async function onDisk(): Promise<HelpdeskData> {
    await store.file.flush();
    return JSON.parse(await readFile(store.path, 'utf8')) as HelpdeskData;
  }

  it('keeps one entry per organization in the file when saving the same id again', async () => {
    await store.directory.save(organization());
    const renamed = organization({ displayName: 'Contoso Ltd', domains: ['contoso.co.uk'], managed: false });

    await store.directory.save(renamed);

    expect(store.file.data.organizations).toEqual([renamed]);
    expect((await onDisk()).organizations).toEqual([renamed]);
  });

  it('writes every change to the file before it resolves, and a new HelpdeskFile on it finds everything', async () => {
    const contoso = organization();
    const school = organization({ id: 'org-school', displayName: 'School', domains: ['school.edu'], tenantId: undefined, orgType: 'school' });
    await store.directory.save(contoso);
    await store.directory.save(school);
    await store.directory.transaction(async (tx) => {
      await tx.saveMember(member('sara@contoso.com', contoso.id));
      await tx.saveTakeover(takeover('t-1', 'school.edu'));
    });

    const data = JSON.parse(await readFile(store.path, 'utf8')) as HelpdeskData;
    expect(data.organizations).toEqual([contoso, JSON.parse(JSON.stringify(school))]);
    expect(data.members).toEqual([member('sara@contoso.com', contoso.id)]);
    expect(data.takeovers).toEqual([takeover('t-1', 'school.edu')]);

    const reopened = new HelpdeskFileDirectory(await HelpdeskFile.open(store.path));
    expect(await reopened.findByDomain('contoso.com')).toEqual(contoso);
    expect(await reopened.findByTenantId('72f988bf-86f1-41af-91ab-2d7cd011db47')).toEqual(contoso);
    expect(await reopened.findByDomain('school.edu')).toEqual(school);
  });
});
