/**
 * The Microsoft Entra admin roles the bot talks about, by role template id (the same in every tenant; docs/facts.md
 * section 10). Their names in each language are in `locales/<lang>/strings.json` under `microsoft.roles`, and what
 * each can do, in Microsoft's own one-line description, under `microsoft.roleDescriptions`.
 */

export const ADMIN_ROLES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  billingAdministrator: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
} as const;

export type AdminRole = keyof typeof ADMIN_ROLES;

/** What a "who is my admin?" question is about, as understanding/adminTopic.ts reads it from the user's words. */
export type AdminTopic = 'general' | 'password' | 'licenses';

/**
 * The roles whose holders answer each kind of question, most important first: the Global Administrators always;
 * for a password or sign-in problem also those who reset passwords and sign-in methods; for licenses those who buy
 * and assign them.
 */
export const ROLES_FOR_TOPIC: Readonly<Record<AdminTopic, readonly AdminRole[]>> = {
  general: ['globalAdministrator'],
  password: ['globalAdministrator', 'helpdeskAdministrator', 'passwordAdministrator', 'authenticationAdministrator'],
  licenses: ['globalAdministrator', 'billingAdministrator', 'licenseAdministrator'],
};

const BY_TEMPLATE_ID: ReadonlyMap<string, AdminRole> = new Map(Object.entries(ADMIN_ROLES).map(([role, id]) => [id, role as AdminRole]));

/** The role with this template id, when it is one the bot knows (any case). */
export function adminRoleOf(roleTemplateId: string): AdminRole | undefined {
  return BY_TEMPLATE_ID.get(roleTemplateId.trim().toLowerCase());
}
