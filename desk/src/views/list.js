// The articles: a tab per status, mine or everyone's, a title search, pages of 20, each
// with who changed it last and when, and when it is scheduled.
import { html, nothing } from "lit";
import { LightElement } from "../core/light.js";
import { t } from "../core/i18n.js";
import { query } from "../core/api.js";
import { href, go } from "../core/route.js";
import { formatDateTime } from "../core/time.js";
import { loadCategories, categoryName } from "../core/categories.js";
import { unsavedNewDrafts } from "../core/drafts.js";
import { problemText } from "./problem.js";

const TABS = ["draft", "in_review", "scheduled", "published", "unpublished"];
const PAGE = 20;

export class DeskList extends LightElement {
  static properties = {
    params: { attribute: false },
    _articles: { state: true },
    _next: { state: true },
    _error: { state: true },
    _loading: { state: true },
    _categories: { state: true },
  };

  constructor() {
    super();
    this._articles = null;
    this._next = null;
    this._error = "";
    this._loading = false;
    this._categories = [];
  }

  get _status() {
    return TABS.includes(this.params?.status) ? this.params.status : "draft";
  }

  get _mine() {
    if (this.params?.mine === "1") return true;
    if (this.params?.mine === "0") return false;
    return !this.session.hasRole("editor", "admin");
  }

  get _cursors() {
    return (() => {
      try {
        const list = JSON.parse(this.params?.trang || "[]");
        return Array.isArray(list) ? list.map(String) : [];
      } catch {
        return [];
      }
    })();
  }

  willUpdate(changed) {
    if (changed.has("params")) this._load();
  }

  async _load() {
    const serial = (this._serial = (this._serial || 0) + 1);
    this._loading = true;
    this._error = "";
    const cursors = this._cursors;
    try {
      const [{ data }, categories] = await Promise.all([
        this.api.get(
          "/articles" +
            query({
              status: this._status,
              q: this.params?.q,
              mine: this._mine ? "true" : null,
              limit: PAGE,
              cursor: cursors[cursors.length - 1],
            }),
        ),
        loadCategories(this.config),
      ]);
      if (serial !== this._serial) return;
      this._articles = data.articles;
      this._next = data.next_cursor;
      this._categories = categories;
    } catch (error) {
      if (serial !== this._serial) return;
      this._articles = [];
      this._next = null;
      this._error = problemText(error);
    } finally {
      if (serial === this._serial) this._loading = false;
    }
  }

  _with(changes) {
    const next = { status: this._status, mine: this._mine ? "1" : "0", q: this.params?.q || "", trang: "", ...changes };
    return href("list", null, next);
  }

  _search(event) {
    event.preventDefault();
    go(this._with({ q: event.target.q.value.trim() }));
  }

  _row(article) {
    const when = formatDateTime(article.updated_at);
    return html`
      <li class="article-row">
        <div class="article-main">
          <a class="article-title" href=${href("editor", article.id)}>${article.title || t.list.untitled}</a>
          <span class="badge status-${article.status}">${t.status[article.status] || article.status}</span>
        </div>
        <p class="article-meta">
          <span>${t.list.category(categoryName(this._categories, article.category))}</span>
          <span>${t.list.updated(when, article.updated_by)}</span>
          ${article.scheduled_for
            ? html`<span class="scheduled">${t.list.scheduledFor(formatDateTime(article.scheduled_for))}</span>`
            : nothing}
          ${article.status === "published" && article.published_at
            ? html`<span>${t.list.publishedAt(formatDateTime(article.published_at))}</span>`
            : nothing}
        </p>
      </li>
    `;
  }

  render() {
    document.title = t.documentTitle(t.list.title);
    const status = this._status;
    const q = this.params?.q || "";
    const cursors = this._cursors;
    const unsaved = unsavedNewDrafts();
    return html`
      <div class="page-head">
        <h1 tabindex="-1">${t.list.title}</h1>
        <a class="button primary" href=${href("new")}>${t.nav.newArticle}</a>
      </div>
      ${unsaved.length
        ? html`<section class="notice" aria-labelledby="desk-unsaved-title">
            <h2 id="desk-unsaved-title">${t.list.unsavedTitle}</h2>
            <ul>
              ${unsaved.map(
                (d) => html`<li><a href=${href("new", null, { nhap: d.id.slice(4) })}
                  >${t.list.unsavedItem(d.fields?.title, formatDateTime(d.editedAt))}</a></li>`,
              )}
            </ul>
          </section>`
        : nothing}
      <nav class="tabs" aria-label=${t.list.tabsLabel}>
        ${TABS.map(
          (s) => html`<a class="tab" href=${this._with({ status: s })} aria-current=${s === status ? "page" : nothing}
            >${t.status[s]}</a>`,
        )}
      </nav>
      <div class="filters">
        <fieldset class="segmented">
          <legend>${t.list.whoseLabel}</legend>
          <a class="segment" href=${this._with({ mine: "1" })} aria-current=${this._mine ? "true" : nothing}>${t.list.mine}</a>
          <a class="segment" href=${this._with({ mine: "0" })} aria-current=${this._mine ? nothing : "true"}>${t.list.everyone}</a>
        </fieldset>
        <form class="search" role="search" @submit=${this._search}>
          <label for="desk-search">${t.list.searchLabel}</label>
          <div class="search-row">
            <input id="desk-search" name="q" type="search" .value=${q} placeholder=${t.list.searchPlaceholder} />
            <button class="button" type="submit">${t.list.searchSubmit}</button>
            ${q ? html`<a class="button subtle" href=${this._with({ q: "" })}>${t.list.clearSearch}</a>` : nothing}
          </div>
        </form>
      </div>
      ${this._error ? html`<p class="alert alert-error" role="alert">${this._error}</p>` : nothing}
      <div aria-live="polite" aria-busy=${this._loading ? "true" : "false"}>
        ${this._articles === null
          ? html`<p class="loading">${t.loading}</p>`
          : this._articles.length === 0 && !this._error
            ? html`<p class="empty">${q ? t.list.emptySearch(q) : t.list.empty}</p>`
            : html`<ul class="articles" aria-label=${t.status[status]}>${this._articles.map((a) => this._row(a))}</ul>`}
      </div>
      ${cursors.length || this._next
        ? html`<nav class="pager" aria-label=${t.list.pagination}>
            ${cursors.length
              ? html`<a class="button" href=${this._with({ trang: cursors.length > 1 ? JSON.stringify(cursors.slice(0, -1)) : "" })}>${t.list.previous}</a>`
              : nothing}
            <span>${t.list.page(cursors.length + 1)}</span>
            ${this._next
              ? html`<a class="button" href=${this._with({ trang: JSON.stringify([...cursors, this._next]) })}>${t.list.next}</a>`
              : nothing}
          </nav>`
        : nothing}
    `;
  }
}

customElements.define("desk-list", DeskList);
