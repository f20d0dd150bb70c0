// Sign-in: name and password, then a new password when the pool asks for one (first
// sign-in); every refusal said in Vietnamese. Also shown in a dialog when a session
// expires mid-work, over the page, which stays as it was.
import { html } from "lit";
import { LightElement } from "../core/light.js";
import { t } from "../core/i18n.js";

export class DeskSignIn extends LightElement {
  static properties = {
    session: { attribute: false },
    expired: { type: Boolean },
    _step: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  constructor() {
    super();
    this._step = "password";
    this._error = "";
    this._busy = false;
    this._challenge = null;
  }

  firstUpdated() {
    this.querySelector("input")?.focus();
  }

  _message(error) {
    const errors = t.signIn.errors;
    return errors[error?.code] || errors.other;
  }

  async _signIn(event) {
    event.preventDefault();
    const form = event.target;
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!username || !password) {
      this._error = errors().missing;
      return;
    }
    this._busy = true;
    this._error = "";
    try {
      const challenge = await this.session.signIn(username, password);
      if (challenge?.challenge === "NEW_PASSWORD_REQUIRED") {
        this._challenge = { username, session: challenge.session };
        this._step = "new-password";
        await this.updateComplete;
        this.querySelector("#desk-new-password")?.focus();
      } else if (challenge) {
        this._error = errors().unsupported;
      } else {
        this.emit("signed-in");
      }
    } catch (error) {
      this._error = this._message(error);
    } finally {
      this._busy = false;
    }
  }

  async _newPassword(event) {
    event.preventDefault();
    const form = event.target;
    const password = form["new-password"].value;
    if (password !== form["new-password-again"].value) {
      this._error = errors().mismatch;
      return;
    }
    this._busy = true;
    this._error = "";
    try {
      const challenge = await this.session.setNewPassword(this._challenge.username, password, this._challenge.session);
      if (challenge) this._error = errors().unsupported;
      else this.emit("signed-in");
    } catch (error) {
      this._error = this._message(error);
      if (error.code === "CodeMismatchException" || error.code === "ExpiredCodeException" || error.code === "NotAuthorizedException") {
        this._step = "password";
      }
    } finally {
      this._busy = false;
    }
  }

  render() {
    const s = t.signIn;
    const error = this._error
      ? html`<p class="alert alert-error" role="alert" id="desk-signin-error">${this._error}</p>`
      : null;
    const described = this._error ? "desk-signin-error" : undefined;
    if (this._step === "new-password") {
      return html`
        <h1 class="signin-title" id="desk-signin-title" tabindex="-1">${s.newPasswordTitle}</h1>
        <p>${s.newPasswordIntro}</p>
        ${error}
        <form class="stack" @submit=${this._newPassword} novalidate>
          <div class="field">
            <label for="desk-new-password">${s.newPassword}</label>
            <input id="desk-new-password" name="new-password" type="password" autocomplete="new-password"
              required aria-describedby="desk-new-password-hint ${described || ""}" />
            <p class="hint" id="desk-new-password-hint">${s.newPasswordHint}</p>
          </div>
          <div class="field">
            <label for="desk-new-password-again">${s.newPasswordAgain}</label>
            <input id="desk-new-password-again" name="new-password-again" type="password" autocomplete="new-password" required />
          </div>
          <button class="button primary" type="submit" ?disabled=${this._busy}>
            ${this._busy ? s.working : s.newPasswordSubmit}
          </button>
        </form>
      `;
    }
    return html`
      <h1 class="signin-title" id="desk-signin-title" tabindex="-1">${this.expired ? s.expiredTitle : s.title}</h1>
      <p>${this.expired ? s.expiredIntro : s.intro}</p>
      ${error}
      <form class="stack" @submit=${this._signIn} novalidate>
        <div class="field">
          <label for="desk-username">${s.username}</label>
          <input id="desk-username" name="username" autocomplete="username" autocapitalize="none"
            spellcheck="false" required aria-describedby=${described || ""}
            .value=${this.expired ? this.session.user?.username || "" : ""} />
        </div>
        <div class="field">
          <label for="desk-password">${s.password}</label>
          <input id="desk-password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button class="button primary" type="submit" ?disabled=${this._busy}>${this._busy ? s.working : s.submit}</button>
      </form>
    `;
  }
}

const errors = () => t.signIn.errors;

customElements.define("desk-signin", DeskSignIn);
