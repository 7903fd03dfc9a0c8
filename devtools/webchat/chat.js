/*
 * The local test page: starts a conversation on this server's Direct Line endpoint and renders Web Chat
 * with it, in the language picked in the header. Web Chat sends that locale with every message, and the
 * bot answers in it; switching keeps the conversation and its transcript.
 */
(() => {
  'use strict';

  const LOCALES = {
    'en-US': {
      lang: 'en',
      title: 'Admin helpdesk bot',
      language: 'Language',
      note: 'Local test page: this chat talks to the bot running on this machine through a local Direct Line endpoint, without sign-in. It is not Teams, and the conversation is kept only in this bot\'s memory.',
      failed: 'Could not start a conversation with the bot',
      webChat: {},
    },
    'nl-NL': {
      lang: 'nl',
      title: 'Beheerders-helpdeskbot',
      language: 'Taal',
      note: 'Lokale testpagina: deze chat praat met de bot op deze computer via een lokaal Direct Line-eindpunt, zonder aanmelding. Dit is geen Teams, en het gesprek staat alleen in het geheugen van deze bot.',
      failed: 'Kan geen gesprek met de bot beginnen',
      // Web Chat's own Dutch says "u" ("Typ uw bericht", and to screen readers "U zei:"); the bot says "je", so the page does too.
      webChat: { TEXT_INPUT_PLACEHOLDER: 'Typ je bericht', ACTIVITY_YOU_SAID_ALT: 'Je zei:', ACTIVITY_YOU_ATTACHED_ALT: 'Je hebt bijgevoegd:' },
    },
  };

  const select = document.getElementById('language');
  const status = document.getElementById('status');
  const container = document.getElementById('webchat');
  let locale = initialLocale();
  let directLine;
  let store;

  /** The locale in the address (?locale=nl-NL), else the browser's language if it is Dutch, else English. */
  function initialLocale() {
    const asked = new URLSearchParams(window.location.search).get('locale');
    if (asked && LOCALES[asked]) return asked;
    return (navigator.language || '').toLowerCase().startsWith('nl') ? 'nl-NL' : 'en-US';
  }

  function showPageLanguage() {
    const strings = LOCALES[locale];
    document.documentElement.lang = strings.lang;
    document.getElementById('title').textContent = strings.title;
    document.getElementById('language-label').textContent = strings.language;
    document.getElementById('note').textContent = strings.note;
    select.value = locale;
  }

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine,
        store,
        locale,
        overrideLocalizedStrings: LOCALES[locale].webChat,
        styleOptions: { hideUploadButton: true, botAvatarInitials: 'HD' },
      },
      container,
    );
  }

  async function start() {
    showPageLanguage();
    const response = await fetch('/v3/directline/conversations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { token } = await response.json();
    directLine = window.WebChat.createDirectLine({
      domain: `${window.location.origin}/v3/directline`,
      token,
      webSocket: false,
      pollingInterval: 500,
    });
    store = window.WebChat.createStore();
    render();
    container.querySelector('[data-id="webchat-sendbox-input"]')?.focus();
  }

  select.addEventListener('change', () => {
    if (!LOCALES[select.value]) return;
    locale = select.value;
    showPageLanguage();
    const url = new URL(window.location.href);
    url.searchParams.set('locale', locale);
    window.history.replaceState(null, '', url);
    if (directLine) render();
  });

  start().catch((error) => {
    status.textContent = `${LOCALES[locale].failed}: ${error.message}`;
  });
})();
