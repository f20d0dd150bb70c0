// The desk's shell: sign-in, or the header, the navigation and the view the address
// names; a session that expires mid-work asks for the password again in a dialog over
// the page, so nothing typed is lost.
import { html, nothing } from "lit";
import { LightElement } from "../core/light.js";
import { t } from "../core/i18n.js";
import { parseRoute, href } from "../core/route.js";
import "./signin.js";
import "./list.js";

// The editor (CodeMirror) and the revisions load when first opened: signing in and the
// list do not wait for them.
let editorViews = null;
const loadEditorViews = () => (editorViews ||= Promise.all([import("./editor.js"), import("./revisions.js")]));

export class DeskApp extends LightElement {
  static properties = {
    _route: { state: true },
    _signedIn: { state: true },
    _expired: { state: true },
    _ready: { state: true },
  };

  constructor(config, session, api) {
    super();
    this.config = config;
    this.session = session;
    this.api = api;
    this._route = parseRoute();
    this._signedIn = false;
    this._expired = false;
    this._ready = false;
    this._onHash = () => {
      this._route = parseRoute();
      this._focusMain();
    };
    this._onAddress = () => {
      this._route = parseRoute();
    };
  }

  async connectedCallback() {
    super.connectedCallback();
    window.addEventListener("hashchange", this._onHash);
    window.addEventListener("desk-address", this._onAddress);
    this.session.addEventListener("change", () => {
      this._signedIn = this.session.signedIn;
      if (this._signedIn) this._expired = false;
    });
    this.session.addEventListener("expired", () => {
      if (this.session.user) this._expired = true;
      else this._signedIn = false;
    });
    // A reload of the tab: its refresh token signs it in again without a password.
    await this.session.refresh();
    this._signedIn = this.session.signedIn;
    this._ready = true;
  }

  disconnectedCallback() {
    window.removeEventListener("hashchange", this._onHash);
    window.removeEventListener("desk-address", this._onAddress);
    super.disconnectedCallback();
  }

  async _focusMain() {
    await this.updateComplete;
    const heading = this.querySelector("main h1");
    if (heading) heading.focus({ preventScroll: false });
  }

  updated() {
    const dialog = this.querySelector("#desk-expired");
    if (dialog && this._expired && !dialog.open) dialog.showModal();
    if (dialog && !this._expired && dialog.open) dialog.close();
  }

  async _signOut() {
    await this.session.signOut();
    this._signedIn = false;
    location.hash = "#/";
  }

  _view() {
    const route = this._route;
    if ((route.view === "editor" || route.view === "revisions") && !this._editorLoaded) {
      loadEditorViews().then(
        () => {
          this._editorLoaded = true;
          this.requestUpdate();
        },
        () => (this._editorFailed = true),
      );
      return html`<p class="loading" role="status">${this._editorFailed ? t.loadFailed : t.loading}</p>`;
    }
    if (route.view === "editor") {
      return html`<desk-editor .api=${this.api} .session=${this.session} .config=${this.config}
        .articleId=${route.id} .params=${route.params}></desk-editor>`;
    }
    if (route.view === "revisions") {
      return html`<desk-revisions .api=${this.api} .session=${this.session} .articleId=${route.id}></desk-revisions>`;
    }
    return html`<desk-list .api=${this.api} .session=${this.session} .config=${this.config} .params=${route.params}></desk-list>`;
  }

  render() {
    if (!this._ready) return html`<p class="loading" role="status">${t.loading}</p>`;
    if (!this._signedIn && !this._expired) {
      document.title = t.documentTitle(t.signIn.title);
      return html`
        <main id="main" class="signin">
          <div class="signin-box">
            <p class="brand">${t.appName}</p>
            <desk-signin .session=${this.session} @signed-in=${() => (this._signedIn = true)}></desk-signin>
          </div>
        </main>
      `;
    }
    const user = this.session.user;
    const role = t.roles[this.session.role || "none"];
    return html`
      <a class="skip-link" href="#main">${t.skipToMain}</a>
      <header class="topbar">
        <a class="brand" href=${href("list")}>${t.appName}</a>
        <nav aria-label=${t.nav.label} class="topnav">
          <a href=${href("list")} aria-current=${this._route.view === "list" ? "page" : nothing}>${t.nav.articles}</a>
          <a href=${href("new")} aria-current=${this._route.view === "editor" && !this._route.id ? "page" : nothing}>${t.nav.newArticle}</a>
        </nav>
        <div class="account">
          <span class="who">${t.nav.signedInAs(user?.name || "", role)}</span>
          <button class="button small" type="button" @click=${this._signOut}>${t.nav.signOut}</button>
        </div>
      </header>
      <main id="main" tabindex="-1">${this._view()}</main>
      <dialog id="desk-expired" class="dialog" aria-labelledby="desk-signin-title" @cancel=${(e) => e.preventDefault()}>
        ${this._expired
          ? html`<desk-signin .session=${this.session} expired
              @signed-in=${() => (this._expired = false)}></desk-signin>`
          : nothing}
      </dialog>
    `;
  }
}

customElements.define("desk-app", DeskApp);
