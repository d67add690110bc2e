/*
 * <media-invite-dialog>: the "Invite users" dialog of Keycloak Media Invites (O7), served by the extension at
 * /realms/{realm}/media-invites/ui/invite-dialog.js. Framework-free custom element; texts come from the
 * extension's message bundles (inlined below when the file is served).
 *
 *   <script src="https://keycloak.example/realms/media/media-invites/ui/invite-dialog.js" defer></script>
 *   <media-invite-dialog media-id="webinar-42" media-type="webcast"></media-invite-dialog>
 *   el.accessToken = async () => currentAccessToken;  // the signed-in user's token for your app
 *   el.open();                                        // events: "invite-created" (detail: the invite)
 */
(() => {
  'use strict';
  const MESSAGES = /*MESSAGES*/{};
  const SCRIPT_URL = (document.currentScript && document.currentScript.src) || '';
  const API_BASE = SCRIPT_URL ? SCRIPT_URL.replace(/\/ui\/invite-dialog\.js(\?.*)?$/, '') : '';

  const t = (key, ...args) => {
    let text = MESSAGES[key] || key;
    args.forEach((a, i) => { text = text.split('{' + i + '}').join(String(a)); });
    return text;
  };

  const CSS = `
    :host { font-family: system-ui, sans-serif; color: #1f2328; }
    [hidden] { display: none !important; }
    .backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: center;
      justify-content: center; z-index: 10000; }
    .dialog { background: #fff; border-radius: 8px; width: min(480px, calc(100vw - 24px)); max-height: calc(100vh - 24px);
      overflow: auto; padding: 20px; box-sizing: border-box; box-shadow: 0 8px 32px rgba(0,0,0,.3); }
    h2 { margin: 0 0 4px; font-size: 1.25rem; }
    p.sub { margin: 0 0 16px; color: #3d444d; }
    .field { margin-bottom: 12px; position: relative; }
    label { display: block; font-weight: 600; margin-bottom: 4px; }
    input[type=email], input[type=text], select { width: 100%; box-sizing: border-box; padding: 8px; font: inherit;
      border: 1px solid #6e7781; border-radius: 4px; }
    input[aria-invalid=true], select[aria-invalid=true] { border-color: #b3261e; }
    .error { color: #b3261e; font-size: .9rem; margin-top: 4px; }
    .error:empty { display: none; }
    .check { display: flex; align-items: center; gap: 8px; }
    .check label { display: inline; font-weight: normal; margin: 0; }
    ul[role=listbox] { list-style: none; margin: 2px 0 0; padding: 0; border: 1px solid #6e7781; border-radius: 4px;
      background: #fff; position: absolute; left: 0; right: 0; z-index: 1; max-height: 200px; overflow: auto; }
    li[role=option] { padding: 8px; cursor: pointer; }
    li[role=option][aria-selected=true], li[role=option]:hover { background: #ddf4ff; }
    .actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; flex-wrap: wrap; }
    button { font: inherit; padding: 8px 14px; border-radius: 4px; border: 1px solid #6e7781; background: #fff;
      color: #1f2328; cursor: pointer; }
    button.primary { background: #0b57d0; border-color: #0b57d0; color: #fff; }
    button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
    .link { display: flex; gap: 8px; }
    .link input { flex: 1; }
    .status { margin-top: 8px; }
  `;

  class MediaInviteDialog extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      this.accessToken = null;
      this._opener = null;
      this._options = [];
      this._active = -1;
      this._lookupTimer = null;
    }

    static get observedAttributes() { return ['media-id', 'media-type', 'api-base', 'redirect-uri']; }

    get apiBase() { return this.getAttribute('api-base') || API_BASE; }

    async open() {
      this._opener = document.activeElement;
      this._renderForm();
      this._keyHandler = (e) => this._onKey(e);
      this.shadowRoot.addEventListener('keydown', this._keyHandler);
      try {
        const caps = await this._api('GET', '/capabilities?mediaType=' + encodeURIComponent(this.getAttribute('media-type') || ''));
        const type = (caps.mediaTypes || [])[0] || { roles: ['viewer'] };
        const select = this._q('#mi-role');
        select.innerHTML = '';
        type.roles.forEach((role) => {
          const o = document.createElement('option');
          o.value = role;
          o.textContent = t('mediaInviteDialog.role.' + role);
          select.appendChild(o);
        });
        this._q('#mi-send-row').hidden = !caps.emailAvailable;
      } catch (e) {
        this._showError(null, e.message);
      }
      this._q('#mi-email').focus();
    }

    close() {
      this.shadowRoot.innerHTML = '';
      if (this._opener && this._opener.focus) {
        this._opener.focus();
      }
    }

    _q(sel) { return this.shadowRoot.querySelector(sel); }

    _frame(titleText, subText, body) {
      this.shadowRoot.innerHTML = `<style>${CSS}</style>
        <div class="backdrop" part="backdrop">
          <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="mi-title" aria-describedby="mi-sub">
            <h2 id="mi-title"></h2><p class="sub" id="mi-sub"></p>${body}
          </div>
        </div>`;
      this._q('#mi-title').textContent = titleText;
      this._q('#mi-sub').textContent = subText;
      this._q('.backdrop').addEventListener('mousedown', (e) => { if (e.target.classList.contains('backdrop')) this.close(); });
    }

    _renderForm() {
      this._frame(t('mediaInviteDialog.title'), t('mediaInviteDialog.subtitle'), `
        <form novalidate>
          <div class="field">
            <label for="mi-email"></label>
            <input id="mi-email" name="email" type="email" autocomplete="off" required aria-required="true"
              role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="mi-suggestions"
              aria-describedby="mi-email-error">
            <ul id="mi-suggestions" role="listbox" hidden></ul>
            <div class="error" id="mi-email-error" role="alert"></div>
          </div>
          <div class="field">
            <label for="mi-firstName"></label>
            <input id="mi-firstName" name="firstName" type="text" autocomplete="off" required aria-required="true" aria-describedby="mi-firstName-error">
            <div class="error" id="mi-firstName-error" role="alert"></div>
          </div>
          <div class="field">
            <label for="mi-lastName"></label>
            <input id="mi-lastName" name="lastName" type="text" autocomplete="off" required aria-required="true" aria-describedby="mi-lastName-error">
            <div class="error" id="mi-lastName-error" role="alert"></div>
          </div>
          <div class="field">
            <label for="mi-role"></label>
            <select id="mi-role" name="role" aria-describedby="mi-role-error"></select>
            <div class="error" id="mi-role-error" role="alert"></div>
          </div>
          <div class="field check" id="mi-send-row" hidden>
            <input id="mi-sendEmail" name="sendEmail" type="checkbox" aria-describedby="mi-sendEmail-error">
            <label for="mi-sendEmail"></label>
            <div class="error" id="mi-sendEmail-error" role="alert"></div>
          </div>
          <div class="error" id="mi-form-error" role="alert"></div>
          <div class="actions">
            <button type="button" id="mi-cancel"></button>
            <button type="submit" class="primary" id="mi-generate"></button>
          </div>
        </form>`);
      const labels = { 'mi-email': 'email', 'mi-firstName': 'firstName', 'mi-lastName': 'lastName', 'mi-role': 'role', 'mi-sendEmail': 'sendEmail' };
      Object.entries(labels).forEach(([id, key]) => {
        this._q(`label[for=${id}]`).textContent = t('mediaInviteDialog.field.' + key);
      });
      this._q('#mi-cancel').textContent = t('mediaInviteDialog.cancel');
      this._q('#mi-generate').textContent = t('mediaInviteDialog.generate');
      this._q('#mi-cancel').addEventListener('click', () => this.close());
      this._q('form').addEventListener('submit', (e) => { e.preventDefault(); this._submit(); });
      const email = this._q('#mi-email');
      email.addEventListener('input', () => this._lookupSoon(email.value));
      email.addEventListener('blur', () => setTimeout(() => this._hideSuggestions(), 150));
    }

    _lookupSoon(value) {
      clearTimeout(this._lookupTimer);
      if (value.trim().length < 3) {
        this._hideSuggestions();
        return;
      }
      this._lookupTimer = setTimeout(async () => {
        try {
          const found = await this._api('GET', '/media/' + encodeURIComponent(this.getAttribute('media-id'))
              + '/invitees?prefix=' + encodeURIComponent(value.trim()));
          this._showSuggestions(Array.isArray(found) ? found : []);
        } catch (e) {
          this._hideSuggestions();
        }
      }, 200);
    }

    _showSuggestions(list) {
      const ul = this._q('#mi-suggestions');
      if (!ul) return;
      ul.innerHTML = '';
      this._options = list;
      this._active = -1;
      list.forEach((person, i) => {
        const li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = 'mi-option-' + i;
        li.setAttribute('aria-selected', 'false');
        const name = [person.firstName, person.lastName].filter(Boolean).join(' ');
        li.textContent = name ? `${name} <${person.email}>` : person.email;
        li.addEventListener('mousedown', (e) => { e.preventDefault(); this._choose(i); });
        ul.appendChild(li);
      });
      ul.hidden = list.length === 0;
      this._q('#mi-email').setAttribute('aria-expanded', String(list.length > 0));
    }

    _hideSuggestions() {
      const ul = this._q('#mi-suggestions');
      if (!ul) return;
      ul.hidden = true;
      this._q('#mi-email').setAttribute('aria-expanded', 'false');
      this._q('#mi-email').removeAttribute('aria-activedescendant');
    }

    _choose(i) {
      const person = this._options[i];
      if (!person) return;
      this._q('#mi-email').value = person.email || '';
      if (person.firstName) this._q('#mi-firstName').value = person.firstName;
      if (person.lastName) this._q('#mi-lastName').value = person.lastName;
      this._hideSuggestions();
      this._q('#mi-email').focus();
    }

    _onKey(e) {
      if (e.key === 'Escape') {
        const ul = this._q('#mi-suggestions');
        if (ul && !ul.hidden) { this._hideSuggestions(); } else { this.close(); }
        e.preventDefault();
        return;
      }
      const ul = this._q('#mi-suggestions');
      if (ul && !ul.hidden && e.target && e.target.id === 'mi-email' && ['ArrowDown', 'ArrowUp', 'Enter'].includes(e.key)) {
        if (e.key === 'Enter') {
          if (this._active >= 0) { e.preventDefault(); this._choose(this._active); }
          return;
        }
        e.preventDefault();
        const n = this._options.length;
        this._active = (this._active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
        [...ul.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === this._active)));
        this._q('#mi-email').setAttribute('aria-activedescendant', 'mi-option-' + this._active);
        return;
      }
      if (e.key === 'Tab') { // focus trap
        const focusable = [...this.shadowRoot.querySelectorAll('input, select, button, [tabindex]')]
            .filter((el) => !el.disabled && !el.closest('[hidden]') && el.getAttribute('tabindex') !== '-1');
        if (focusable.length === 0) return;
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        const current = this.shadowRoot.activeElement;
        if (e.shiftKey && (current === first || !current)) { last.focus(); e.preventDefault(); }
        else if (!e.shiftKey && (current === last || !current)) { first.focus(); e.preventDefault(); }
      }
    }

    _clearErrors() {
      this.shadowRoot.querySelectorAll('.error').forEach((el) => { el.textContent = ''; });
      this.shadowRoot.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    }

    _showError(field, text) {
      const target = field && this._q('#mi-' + field + '-error');
      if (target) {
        target.textContent = text;
        this._q('#mi-' + field).setAttribute('aria-invalid', 'true');
        this._q('#mi-' + field).focus();
      } else if (this._q('#mi-form-error')) {
        this._q('#mi-form-error').textContent = text;
      }
    }

    async _submit() {
      this._clearErrors();
      const value = (id) => this._q('#mi-' + id).value.trim();
      const missing = ['email', 'firstName', 'lastName'].filter((f) => !value(f));
      if (missing.length) {
        missing.slice().reverse().forEach((f) => this._showError(f, t('mediaInviteDialog.required')));
        return;
      }
      const body = { email: value('email'), firstName: value('firstName'), lastName: value('lastName'), role: value('role') };
      const send = this._q('#mi-sendEmail');
      if (!this._q('#mi-send-row').hidden && send.checked) body.sendEmail = true;
      if (this.getAttribute('redirect-uri')) body.redirectUri = this.getAttribute('redirect-uri');
      const button = this._q('#mi-generate');
      button.disabled = true;
      try {
        const invite = await this._api('POST', '/media/' + encodeURIComponent(this.getAttribute('media-id')) + '/invites', body);
        this.dispatchEvent(new CustomEvent('invite-created', { detail: invite, bubbles: true, composed: true }));
        this._renderDone(invite, body.sendEmail === true);
      } catch (e) {
        button.disabled = false;
        this._showError(e.field && this._q('#mi-' + e.field) ? e.field : null, e.message);
      }
    }

    _renderDone(invite, mailed) {
      this._frame(t('mediaInviteDialog.doneTitle'), t(mailed ? 'mediaInviteDialog.doneMailed' : 'mediaInviteDialog.done', invite.email), `
        <div class="field">
          <label for="mi-link"></label>
          <div class="link"><input id="mi-link" type="text" readonly><button type="button" id="mi-copy"></button></div>
          <div class="status" id="mi-copy-status" role="status" aria-live="polite"></div>
        </div>
        <div class="actions"><button type="button" class="primary" id="mi-close"></button></div>`);
      this._q('label[for=mi-link]').textContent = t('mediaInviteDialog.link');
      this._q('#mi-link').value = invite.link || '';
      this._q('#mi-copy').textContent = t('mediaInviteDialog.copy');
      this._q('#mi-close').textContent = t('mediaInviteDialog.close');
      this._q('#mi-close').addEventListener('click', () => this.close());
      this._q('#mi-copy').addEventListener('click', async () => {
        const input = this._q('#mi-link');
        let ok = false;
        try {
          await navigator.clipboard.writeText(input.value);
          ok = true;
        } catch (e) {
          input.select();
          ok = document.execCommand && document.execCommand('copy');
        }
        this._q('#mi-copy-status').textContent = t(ok ? 'mediaInviteDialog.copied' : 'mediaInviteDialog.copyFailed');
      });
      this._q('#mi-copy').focus();
    }

    async _api(method, path, body) {
      const token = typeof this.accessToken === 'function' ? await this.accessToken() : this.accessToken;
      const response = await fetch(this.apiBase + path, {
        method,
        headers: Object.assign({ Authorization: 'Bearer ' + token, Accept: 'application/json' },
            body ? { 'Content-Type': 'application/json' } : {}),
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      const json = text ? JSON.parse(text) : null;
      if (!response.ok) {
        const key = json && json.error ? 'mediaInvites.error.' + json.error : null;
        const message = key && MESSAGES[key] ? MESSAGES[key]
            : (json && json.error_description) || t('mediaInviteDialog.failed');
        const error = new Error(message);
        error.field = json && json.field;
        throw error;
      }
      return json;
    }
  }

  if (!customElements.get('media-invite-dialog')) {
    customElements.define('media-invite-dialog', MediaInviteDialog);
  }
})();
