/**
 * The settings page: an organization's admin edits what the bot says about the organization (its type,
 * cloud and helpdesk contact), the two self-service switches, and can disconnect the helpdesk channel.
 * Everyone else in the organization sees the same form, read-only.
 */
import { ApiError } from './api.js';
import { CLOUDS, ORG_TYPES, type Settings, type SettingsUpdate } from './apiTypes.js';
import { checkContact, MAX_LENGTHS, serverProblemPlace, type ContactField, type ContactProblem, type ContactProblemPlace } from './contactRules.js';
import { byId, el } from './dom.js';
import { format, type TabStrings } from './i18n.js';
import { runPage, type Page } from './page.js';

const CONTACT_FIELDS: readonly ContactField[] = ['title', 'phone', 'email', 'url'];
/** Where a problem of each place is shown, and which control gets the focus for it. */
const PROBLEM_TARGETS: Readonly<Record<ContactProblemPlace, { error: string; control: string }>> = {
  title: { error: 'contact-title-error', control: 'contact-title' },
  phone: { error: 'contact-phone-error', control: 'contact-phone' },
  email: { error: 'contact-email-error', control: 'contact-email' },
  url: { error: 'contact-url-error', control: 'contact-url' },
  reach: { error: 'contact-reach-error', control: 'contact-phone' },
};

const form = () => byId('settings-form', HTMLFormElement);
const orgType = () => byId('orgType', HTMLSelectElement);
const cloud = () => byId('cloud', HTMLSelectElement);
const contactInput = (field: ContactField) => byId(`contact-${field}`, HTMLInputElement);
const selfServiceBox = (name: 'allowEmailVerifiedUsers' | 'allowAdHocSubscriptions') => byId(name, HTMLInputElement);
const formError = () => byId('form-error', HTMLElement);
const saveStatus = () => byId('save-status', HTMLElement);

class SettingsPage {
  private settings?: Settings;
  /** The admin pressed "stop posting tickets in the channel": the next save disconnects it. */
  private clearChannel = false;

  constructor(private readonly page: Page) {}

  private get t(): TabStrings {
    return this.page.t;
  }

  /** Loads the settings and shows the form, or says why it cannot. */
  async start(): Promise<void> {
    this.fillChoices();
    this.wireEvents();
    const status = byId('load-status', HTMLElement);
    status.textContent = this.t.common.loading;
    try {
      this.show(await this.page.api.getSettings());
      status.textContent = '';
    } catch (error) {
      status.textContent = '';
      byId('load-error', HTMLElement).textContent = this.page.describeError(error);
    } finally {
      byId('main', HTMLElement).setAttribute('aria-busy', 'false');
      this.page.loaded();
    }
  }

  /** The options of the two selects, in the order the chat offers them, with the chat's names. */
  private fillChoices(): void {
    orgType().replaceChildren(...ORG_TYPES.map((value) => el('option', { value }, this.t.orgTypes[value])));
    cloud().replaceChildren(...CLOUDS.map((value) => el('option', { value }, this.t.clouds[value])));
  }

  private wireEvents(): void {
    form().addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    // A message about the last save no longer describes a form that has changed since.
    form().addEventListener('input', () => {
      saveStatus().textContent = '';
    });
    byId('channel-clear', HTMLButtonElement).addEventListener('click', () => this.markChannel(true));
    byId('channel-keep', HTMLButtonElement).addEventListener('click', () => this.markChannel(false));
  }

  private show(settings: Settings): void {
    this.settings = settings;
    this.clearChannel = false;
    byId('org-intro', HTMLElement).textContent = format(this.t.settings.intro, { org: settings.displayName });
    orgType().value = settings.orgType;
    cloud().value = settings.cloud;
    for (const field of CONTACT_FIELDS) contactInput(field).value = settings.helpdeskContact?.[field] ?? '';
    selfServiceBox('allowEmailVerifiedUsers').checked = settings.selfService.allowEmailVerifiedUsers;
    selfServiceBox('allowAdHocSubscriptions').checked = settings.selfService.allowAdHocSubscriptions;
    this.showChannel();
    this.showMicrosoft();

    byId('read-only-note', HTMLElement).hidden = settings.canEdit;
    byId('settings-fields', HTMLFieldSetElement).disabled = !settings.canEdit;
    byId('form-actions', HTMLElement).hidden = !settings.canEdit;
    form().hidden = false;
  }

  private showChannel(): void {
    const channel = this.settings?.helpdeskChannel;
    const set = channel?.set === true;
    const setAt = channel?.setAt ? new Date(channel.setAt) : undefined;
    const date = setAt && !Number.isNaN(setAt.getTime()) ? new Intl.DateTimeFormat(this.page.language, { dateStyle: 'long' }).format(setAt) : undefined;
    byId('channel-status', HTMLElement).textContent = !set
      ? this.t.settings.channelNotSet
      : date
        ? format(this.t.settings.channelSet, { date })
        : this.t.settings.channelSetNoDate;
    const canClear = set && this.settings?.canEdit === true;
    byId('channel-clear', HTMLButtonElement).hidden = !canClear || this.clearChannel;
    byId('channel-pending', HTMLElement).hidden = !canClear || !this.clearChannel;
  }

  /** Whether the bot may read the organization's admins from Microsoft, and where its admin allows it when not. */
  private showMicrosoft(): void {
    const consent = this.settings?.microsoftConsent ?? 'unknown';
    byId('microsoft-status', HTMLElement).textContent =
      consent === 'granted' ? this.t.settings.consentGranted : consent === 'notGranted' ? this.t.settings.consentNotGranted : this.t.settings.consentUnknown;
    const url = consent === 'notGranted' ? this.settings?.consentUrl : undefined;
    // Only Microsoft's own sign-in address, opened in a new window: the consent page is Microsoft's, not the tab's.
    const safe = url !== undefined && /^https:\/\//.test(url);
    const link = byId('microsoft-consent', HTMLAnchorElement);
    if (safe) link.href = url;
    else link.removeAttribute('href');
    byId('microsoft-consent-line', HTMLElement).hidden = !safe;
  }

  private markChannel(clear: boolean): void {
    this.clearChannel = clear;
    saveStatus().textContent = '';
    this.showChannel();
    byId(clear ? 'channel-keep' : 'channel-clear', HTMLButtonElement).focus();
  }

  /** Checks the form as the server will, then saves it; the server's own objection is shown too. */
  private async save(): Promise<void> {
    this.clearProblems();
    const raw = Object.fromEntries(CONTACT_FIELDS.map((field) => [field, contactInput(field).value])) as Record<ContactField, string>;
    const check = checkContact(raw);
    if (check.contact === undefined) {
      this.showProblems(check.problems);
      return;
    }
    const update: SettingsUpdate = {
      orgType: orgType().value as SettingsUpdate['orgType'],
      cloud: cloud().value as SettingsUpdate['cloud'],
      helpdeskContact: check.contact,
      selfService: {
        allowEmailVerifiedUsers: selfServiceBox('allowEmailVerifiedUsers').checked,
        allowAdHocSubscriptions: selfServiceBox('allowAdHocSubscriptions').checked,
      },
      ...(this.clearChannel ? { helpdeskChannel: null } : {}),
    };

    const button = byId('save', HTMLButtonElement);
    button.disabled = true;
    saveStatus().textContent = this.t.settings.saving;
    try {
      this.show(await this.page.api.saveSettings(update));
      saveStatus().textContent = this.t.settings.saved;
    } catch (error) {
      saveStatus().textContent = '';
      if (error instanceof ApiError && error.status === 400) this.showServerProblems(error);
      else formError().textContent = this.page.describeError(error);
    } finally {
      button.disabled = false;
    }
  }

  private clearProblems(): void {
    formError().textContent = '';
    for (const { error, control } of Object.values(PROBLEM_TARGETS)) {
      byId(error, HTMLElement).textContent = '';
      byId(control, HTMLElement).removeAttribute('aria-invalid');
    }
  }

  /** Problems of the contact at their fields, with the focus on the first; `summary` above the form. */
  private showProblems(problems: Partial<Record<ContactProblemPlace, ContactProblem>>, summary = this.t.settings.fixProblems): void {
    let first: HTMLElement | undefined;
    for (const place of Object.keys(PROBLEM_TARGETS) as ContactProblemPlace[]) {
      const problem = problems[place];
      if (!problem) continue;
      const target = PROBLEM_TARGETS[place];
      byId(target.error, HTMLElement).textContent = this.problemText(place, problem);
      const control = byId(target.control, HTMLInputElement);
      control.setAttribute('aria-invalid', 'true');
      first ??= control;
    }
    formError().textContent = summary;
    (first ?? formError()).focus();
  }

  /**
   * A refused save: the server's problems with a field of the contact are shown at that field in the page's
   * language; any other problem is shown above the form in the server's words.
   */
  private showServerProblems(error: ApiError): void {
    const atFields: Partial<Record<ContactProblemPlace, ContactProblem>> = {};
    const elsewhere: string[] = [];
    for (const { field, code, message } of error.problems) {
      const placed = serverProblemPlace(field, code);
      if (placed) atFields[placed.place] ??= placed.problem;
      else elsewhere.push(message);
    }
    if (error.problems.length === 0 && error.serverMessage) elsewhere.push(error.serverMessage);
    const summary = elsewhere.length > 0 ? format(this.t.settings.notSaved, { error: elsewhere.join(' ') }) : this.t.settings.fixProblems;
    this.showProblems(atFields, summary);
  }

  private problemText(place: ContactProblemPlace, problem: ContactProblem): string {
    if (problem === 'tooLong') return format(this.t.settings.tooLong, { max: place === 'reach' ? '' : MAX_LENGTHS[place] });
    return this.t.settings[problem];
  }
}

runPage((page) => new SettingsPage(page).start());
