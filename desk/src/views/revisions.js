// Every saved version of an article: who saved it and when (and the note of a send-back),
// a word diff between any two, and restoring one as a new version (the current one stays
// in the history).
import { html, nothing } from "lit";
import { LightElement } from "../core/light.js";
import { t } from "../core/i18n.js";
import { href, go } from "../core/route.js";
import { formatDateTime } from "../core/time.js";
import { FIELDS, fieldsOf } from "../core/drafts.js";
import { wordDiff } from "../core/words.js";
import { problemText } from "./problem.js";
import { diffView } from "./diff.js";

const text = (fields, name) => (name === "tags" ? (fields.tags || []).join(", ") : fields[name] || "");

export class DeskRevisions extends LightElement {
  static properties = {
    api: { attribute: false },
    session: { attribute: false },
    articleId: { type: String },
    _revisions: { state: true },
    _article: { state: true },
    _from: { state: true },
    _to: { state: true },
    _pair: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  constructor() {
    super();
    this._revisions = null;
    this._cache = new Map();
    this._error = "";
  }

  willUpdate(changed) {
    if (changed.has("articleId")) this._load();
  }

  _path(tail = "") {
    return `/articles/${encodeURIComponent(this.articleId)}${tail}`;
  }

  async _load() {
    this._cache = new Map();
    try {
      const [{ data: list }, { data: article }] = await Promise.all([
        this.api.get(this._path("/revisions")),
        this.api.get(this._path()),
      ]);
      this._article = article;
      this._revisions = [...list.revisions].sort((a, b) => b.number - a.number);
      const numbers = this._revisions.map((r) => r.number);
      this._to = numbers[0];
      this._from = numbers[1] ?? numbers[0];
      await this._compare();
    } catch (error) {
      this._revisions = [];
      this._error = problemText(error);
    }
  }

  async _revision(number) {
    if (!this._cache.has(number)) {
      this._cache.set(number, this.api.get(this._path(`/revisions/${number}`)).then((r) => r.data));
    }
    return this._cache.get(number);
  }

  async _compare(event) {
    event?.preventDefault();
    if (event) {
      this._from = Number(event.target.from.value);
      this._to = Number(event.target.to.value);
    }
    try {
      const [from, to] = await Promise.all([this._revision(this._from), this._revision(this._to)]);
      this._pair = { from, to };
    } catch (error) {
      this._error = problemText(error);
    }
  }

  get _canEdit() {
    const article = this._article;
    if (!article) return false;
    if (this.session.hasRole("editor", "admin")) return true;
    return article.status === "draft" && article.created_by === this.session.user?.username;
  }

  async _restore(number) {
    if (!confirm(t.revisions.restoreConfirm(number))) return;
    this._busy = true;
    this._error = "";
    try {
      const revision = await this._revision(number);
      const { etag } = await this.api.get(this._path());
      await this.api.request("PUT", this._path(), { body: fieldsOf(revision), etag });
      // The editor says so once it shows the restored text (the address carries it).
      go(href("editor", this.articleId, { khoiphuc: String(number) }));
    } catch (error) {
      this._error = problemText(error);
    } finally {
      this._busy = false;
    }
  }

  _diff() {
    const pair = this._pair;
    if (!pair) return nothing;
    const changed = FIELDS.filter((name) => text(pair.from, name) !== text(pair.to, name));
    // A version saved by a publish or a send-back may differ from the one before by its status alone.
    const statusChanged = pair.from.status !== pair.to.status;
    const status = statusChanged
      ? html`<p class="status-change">${t.revisions.statusChanged(t.status[pair.from.status], t.status[pair.to.status])}</p>`
      : nothing;
    if (!changed.length) {
      return html`${status}<p>${statusChanged ? t.revisions.sameText : t.revisions.noChanges}</p>`;
    }
    return html`
      ${status}
      <p class="hint">${t.revisions.legend}</p>
      ${changed.map(
        (name) => html`<section class="diff-field" data-field=${name}>
          <h3>${t.editor[name]}</h3>
          ${diffView(wordDiff(text(pair.from, name), text(pair.to, name)))}
        </section>`,
      )}
    `;
  }

  render() {
    document.title = t.documentTitle(t.revisions.title);
    const revisions = this._revisions;
    const option = (r, selected) =>
      html`<option value=${r.number} ?selected=${r.number === selected}>${t.revisions.number(r.number)} — ${formatDateTime(r.saved_at)}</option>`;
    return html`
      <a class="back" href=${href("editor", this.articleId)}>← ${t.revisions.back}</a>
      <h1 tabindex="-1">${t.revisions.title}${this._article ? html`: <span class="subtitle">${this._article.title}</span>` : nothing}</h1>
      ${this._error ? html`<p class="alert alert-error" role="alert">${this._error}</p>` : nothing}
      ${revisions === null
        ? html`<p class="loading" role="status">${t.loading}</p>`
        : html`
            <div class="revisions-grid">
              <section aria-labelledby="desk-revisions-list">
                <h2 id="desk-revisions-list">${t.revisions.listLabel}</h2>
                <ol class="revision-list" reversed>
                  ${revisions.map(
                    (r, index) => html`<li class="revision" data-number=${r.number}>
                      <p><strong>${t.revisions.number(r.number)}</strong>
                        <span class="badge status-${r.status}">${t.status[r.status] || r.status}</span>
                        ${index === 0 ? html`<span class="hint">(${t.revisions.current})</span>` : nothing}</p>
                      <p class="revision-meta">${t.revisions.by(r.saved_by, formatDateTime(r.saved_at))}</p>
                      <p class="revision-title">${r.title}</p>
                      ${r.note ? html`<p class="review-note">${t.revisions.note(r.note)}</p>` : nothing}
                      ${index > 0 && this._canEdit
                        ? html`<button type="button" class="button small" ?disabled=${this._busy}
                            @click=${() => this._restore(r.number)}>${t.revisions.restore(r.number)}</button>`
                        : nothing}
                    </li>`,
                  )}
                </ol>
              </section>
              <section aria-labelledby="desk-compare-title">
                <h2 id="desk-compare-title">${t.revisions.compare}</h2>
                <form class="compare" @submit=${this._compare}>
                  <div class="field">
                    <label for="desk-from">${t.revisions.from}</label>
                    <select id="desk-from" name="from">${revisions.map((r) => option(r, this._from))}</select>
                  </div>
                  <div class="field">
                    <label for="desk-to">${t.revisions.to}</label>
                    <select id="desk-to" name="to">${revisions.map((r) => option(r, this._to))}</select>
                  </div>
                  <button class="button" type="submit">${t.revisions.show}</button>
                </form>
                <div aria-live="polite">${this._diff()}</div>
              </section>
            </div>
          `}
    `;
  }
}

customElements.define("desk-revisions", DeskRevisions);
