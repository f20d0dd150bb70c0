// One article: its fields, the Markdown body, its photos, the live preview and what the
// person's role lets them do with it. Nothing typed is lost: every change is kept on
// this device at once and saved to the API two seconds after typing stops; a save that
// meets someone else's newer version opens the merge view instead of overwriting it.
import { html, nothing } from "lit";
import { LightElement } from "../core/light.js";
import { t } from "../core/i18n.js";
import { href, go, replaceAddress } from "../core/route.js";
import { randomKey } from "../core/ids.js";
import { formatDateTime, formatTime, fromLocalInput, toLocalInput } from "../core/time.js";
import { loadCategories } from "../core/categories.js";
import { FIELDS, fieldsOf, sameFields, readDraft, keepDraft, dropDraft } from "../core/drafts.js";
import { wordDiff } from "../core/words.js";
import { problemText } from "./problem.js";
import { diffView } from "./diff.js";
import "../editor/markdown.js";
import "../editor/photos.js";
import "../editor/preview.js";
import "../editor/merge.js";

const AUTOSAVE_MS = 2000;
const RETRY_MS = 5000;
const REQUIRED = ["title", "category", "author", "body"];
const AUTHOR_KEY = "newsroom-desk:author";

const asText = (fields, name) => (name === "tags" ? (fields.tags || []).join(", ") : fields[name] || "");

export class DeskEditor extends LightElement {
  static properties = {
    api: { attribute: false },
    session: { attribute: false },
    config: { attribute: false },
    articleId: { type: String },
    params: { attribute: false },
    _article: { state: true },
    _fields: { state: true },
    _tagsText: { state: true },
    _saveState: { state: true },
    _savedAt: { state: true },
    _errors: { state: true },
    _loadError: { state: true },
    _conflict: { state: true },
    _restore: { state: true },
    _showPreview: { state: true },
    _notice: { state: true },
    _problem: { state: true },
    _busy: { state: true },
    _categories: { state: true },
    _photos: { state: true },
  };

  constructor() {
    super();
    this._reset();
    this._categories = [];
    this._onUnload = () => this._keepLocal();
  }

  _reset() {
    this._article = null;
    this._etag = null;
    this._fields = null;
    this._tagsText = "";
    this._saveState = "saved";
    this._savedAt = null;
    this._errors = {};
    this._loadError = "";
    this._conflict = null;
    this._restore = null;
    this._showPreview = false;
    this._notice = "";
    this._problem = null;
    this._busy = false;
    this._photos = [];
    this._dirty = false;
    this._saving = null;
    clearTimeout(this._timer);
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener("pagehide", this._onUnload);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener("pagehide", this._onUnload);
    clearTimeout(this._timer);
    // Leaving the article for another view: what was not saved yet is saved now
    // (and is on this device whatever happens to the request).
    if (this._dirty) this._save();
    this._openedId = undefined;
  }

  willUpdate(changed) {
    const newDraft = !this.articleId && this.params?.nhap && `new:${this.params.nhap}` !== this._localKey;
    if ((changed.has("articleId") && this.articleId !== this._openedId) || (changed.has("params") && newDraft)) {
      this._leave();
      this._open();
    }
  }

  /** Another article is opened in this view: what was typed here and not saved yet is
   * sent now (it is on this device too, and offered back if the save fails). */
  _leave() {
    if (!this._dirty || !this._article || this._conflict || !this._canEdit) return;
    const id = this._article.id;
    const body = Object.fromEntries(FIELDS.map((name) => [name, this._fields[name]]));
    this.api
      .request("PUT", `/articles/${encodeURIComponent(id)}`, { body, etag: this._etag })
      .then(() => dropDraft(id))
      .catch(() => {});
  }

  // ------------------------------------------------------------------ opening

  async _open() {
    const id = this.articleId;
    this._openedId = id;
    this._reset();
    loadCategories(this.config).then((c) => (this._categories = c));
    if (!id) {
      const draftKey = this.params?.nhap || randomKey();
      this._localKey = `new:${draftKey}`;
      const local = readDraft(this._localKey);
      this._createKey = local?.createKey || randomKey();
      this._setFields(
        local?.fields || {
          ...fieldsOf(null),
          author: this.session.user?.fullName || localStorage.getItem(AUTHOR_KEY) || "",
        },
      );
      if (local) {
        this._dirty = true;
        this._saveState = "needFields";
        this._schedule(0);
      }
      if (!this.params?.nhap) replaceAddress(href("new", null, { nhap: draftKey }));
      return;
    }
    this._localKey = id;
    try {
      const { data, etag } = await this.api.get(`/articles/${encodeURIComponent(id)}`);
      if (this._openedId !== id) return;
      this._accept(data, etag);
      this._setFields(fieldsOf(data));
      this._savedAt = data.updated_at;
      const local = readDraft(id);
      if (local && !sameFields(local.fields, fieldsOf(data))) this._restore = local;
      else if (local) dropDraft(id);
      const restored = Number(this.params?.khoiphuc);
      if (restored > 0) {
        this._notice = t.revisions.restored(restored);
        replaceAddress(href("editor", id));  // said once: not again on reload
      }
    } catch (error) {
      if (this._openedId !== id) return;
      this._loadError = error.status === 404 ? t.editor.notFound : `${t.editor.loadFailed} ${problemText(error)}`;
    }
  }

  _accept(article, etag) {
    this._article = article;
    this._etag = etag || `"${article.version}"`;
    this._photos = article.photos || [];
  }

  _setFields(fields) {
    this._fields = fields;
    this._tagsText = (fields.tags || []).join(", ");
  }

  // ------------------------------------------------------------------ who may do what

  get _role() {
    return this.session.role;
  }

  get _isEditor() {
    return this.session.hasRole("editor", "admin");
  }

  get _canEdit() {
    if (!this._article) return true; // a new article is the caller's own draft
    if (this._isEditor) return true;
    return this._article.status === "draft" && this._article.created_by === this.session.user?.username;
  }

  get _complete() {
    return REQUIRED.every((name) => String(this._fields?.[name] || "").trim());
  }

  // ------------------------------------------------------------------ typing and saving

  _input(name, value) {
    if (!this._canEdit) return;
    const fields = { ...this._fields, [name]: value };
    if (name === "tags") {
      this._tagsText = value;
      fields.tags = value
        .split(/[,;\n]/)
        .map((tag) => tag.trim())
        .filter(Boolean);
    }
    this._fields = fields;
    if (this._errors[name]) this._errors = { ...this._errors, [name]: "" };
    this._dirty = true;
    this._keepLocal();
    if (this._saveState !== "conflict") this._saveState = "unsaved";
    this._schedule(AUTOSAVE_MS);
  }

  _keepLocal() {
    if (!this._dirty || !this._fields) return;
    keepDraft(this._localKey, {
      fields: this._fields,
      version: this._article?.version ?? null,
      createKey: this._createKey,
    });
  }

  _schedule(ms) {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._save(), ms);
  }

  /** Saves what is typed now; resolves true once the API has exactly it. */
  async _save() {
    clearTimeout(this._timer);
    if (this._conflict || !this._canEdit) return false;
    if (this._saving) {
      await this._saving;
      return this._dirty ? this._save() : true;
    }
    if (!this._dirty) return true;
    this._saving = this._saveOnce().finally(() => {
      this._saving = null;
    });
    return this._saving;
  }

  async _saveOnce() {
    const sent = { ...this._fields };
    const body = Object.fromEntries(FIELDS.map((name) => [name, sent[name]]));
    if (!this._article) {
      if (!this._complete) {
        this._saveState = "needFields";
        return false;
      }
    }
    this._saveState = "saving";
    try {
      let answer;
      if (!this._article) {
        answer = await this.api.request("POST", "/articles", { body, idempotencyKey: this._createKey });
        localStorage.setItem(AUTHOR_KEY, sent.author);
      } else {
        answer = await this.api.request("PUT", `/articles/${encodeURIComponent(this._article.id)}`, {
          body,
          etag: this._etag,
        });
      }
      this._saved(answer.data, answer.etag, sent);
      return !this._dirty;
    } catch (error) {
      return this._saveFailed(error, sent);
    }
  }

  _saved(article, etag, sent) {
    const created = !this._article;
    const previousKey = this._localKey;
    this._accept(article, etag);
    this._errors = {};
    this._savedAt = article.updated_at;
    if (created) {
      // The article exists now: its address, and its local copy, are its id's.
      dropDraft(previousKey);
      this._localKey = article.id;
      this._openedId = article.id;
      this.articleId = article.id;
      replaceAddress(href("editor", article.id));
    }
    if (sameFields(this._fields, sent)) {
      this._dirty = false;
      dropDraft(this._localKey);
      this._saveState = "saved";
    } else {
      // Typed while the save was on its way: that is saved next.
      this._keepLocal();
      this._saveState = "unsaved";
      this._schedule(AUTOSAVE_MS);
    }
  }

  async _saveFailed(error, sent) {
    if (error.status === 412) {
      // Someone saved in between, or our own earlier attempt did and its answer was lost.
      try {
        const { data, etag } = await this.api.get(`/articles/${encodeURIComponent(this._article.id)}`);
        if (sameFields(fieldsOf(data), sent)) {
          this._saved(data, etag, sent);
          return !this._dirty;
        }
        this._conflict = { theirs: data, etag, mine: { ...this._fields } };
        this._saveState = "conflict";
        this._keepLocal();
      } catch (again) {
        this._saveState = "offline";
        this._schedule(RETRY_MS);
      }
      return false;
    }
    if (error.status === 422 || error.status === 400) {
      const errors = error.fieldErrors;
      this._errors = Object.keys(errors).length ? errors : { _: problemText(error) };
      this._saveState = "invalid";
      return false;
    }
    if (error.status === 0 || error.status >= 500) {
      this._saveState = "offline";
      this._schedule(RETRY_MS);
      return false;
    }
    this._errors = { _: problemText(error) };
    this._saveState = "invalid";
    return false;
  }

  // ------------------------------------------------------------------ restore and merge

  _restoreLocal() {
    const local = this._restore;
    this._restore = null;
    if (local.version === this._article.version) {
      this._setFields(local.fields);
      this._dirty = true;
      this._saveState = "unsaved";
      this._schedule(0);
    } else {
      // Typed on an older version than the one saved since: merge, never overwrite.
      this._setFields(local.fields);
      this._dirty = true;
      this._conflict = { theirs: this._article, etag: this._etag, mine: { ...local.fields } };
      this._saveState = "conflict";
    }
  }

  _discardLocal() {
    dropDraft(this._localKey);
    this._restore = null;
  }

  _merged(event) {
    const { fields } = event.detail;
    const { theirs, etag } = this._conflict;
    this._accept(theirs, etag);
    this._conflict = null;
    this._setFields(fields);
    this._dirty = true;
    this._keepLocal();
    this._save();
  }

  // ------------------------------------------------------------------ workflow

  async _act(path, body, done) {
    this._problem = null;
    this._notice = "";
    if (this._dirty && !(await this._save())) {
      this._problem = { message: t.workflow.saveFirst };
      return false;
    }
    this._busy = true;
    try {
      await this.api.request("POST", `/articles/${encodeURIComponent(this._article.id)}/${path}`, { body });
      const { data, etag } = await this.api.get(`/articles/${encodeURIComponent(this._article.id)}`);
      this._accept(data, etag);
      if (!this._dirty) this._setFields(fieldsOf(data));
      this._notice = typeof done === "function" ? done(data) : done;
      return true;
    } catch (error) {
      this._problem = {
        message: problemText(error),
        errors: error.problem?.errors || [],
        photosNotReady: error.type === "photos-not-ready",
        body,
      };
      return false;
    } finally {
      this._busy = false;
    }
  }

  _dialog(id) {
    const dialog = this.querySelector(`#${id}`);
    dialog?.showModal();
    return dialog;
  }

  async _sendBack(event) {
    event.preventDefault();
    const form = event.target;
    const note = form.note.value.trim();
    if (await this._act("send-back", { note }, t.workflow.sentBack)) {
      form.closest("dialog").close();
      form.reset();
    }
  }

  async _schedulePublish(event) {
    event.preventDefault();
    const form = event.target;
    const at = fromLocalInput(form.at.value);
    const error = form.querySelector(".field-error");
    if (!at) {
      error.textContent = t.workflow.scheduleInvalid;
      form.at.setAttribute("aria-invalid", "true");
      form.at.focus();
      return;
    }
    form.closest("dialog").close();
    await this._act("publish", { publish_at: at }, (a) => t.workflow.scheduled(formatDateTime(a.scheduled_for || at)));
  }

  async _unpublish() {
    if (!confirm(t.workflow.unpublishConfirm)) return;
    await this._act("unpublish", undefined, t.workflow.unpublished);
  }

  async _delete() {
    if (!confirm(t.workflow.deleteConfirm)) return;
    this._busy = true;
    try {
      clearTimeout(this._timer);
      await this.api.request("DELETE", `/articles/${encodeURIComponent(this._article.id)}`);
      this._dirty = false;
      dropDraft(this._localKey);
      go(href("list"));
    } catch (error) {
      this._problem = { message: problemText(error), errors: error.problem?.errors || [] };
    } finally {
      this._busy = false;
    }
  }

  _workflow() {
    const article = this._article;
    if (!article) return nothing;
    const status = article.status;
    const own = article.created_by === this.session.user?.username;
    const editor = this._isEditor;
    const buttons = [];
    if (status === "draft" && (editor || own)) {
      buttons.push(html`<button type="button" class="button primary" data-action="submit" ?disabled=${this._busy}
        @click=${() => this._act("submit", undefined, t.workflow.submitted)}>${t.workflow.submit}</button>`);
    }
    if (editor) {
      if (status === "in_review") {
        buttons.push(html`<button type="button" class="button" data-action="send-back" ?disabled=${this._busy}
          @click=${() => this._dialog("desk-send-back")}>${t.workflow.sendBack}</button>`);
      }
      if (["draft", "in_review", "unpublished", "scheduled"].includes(status)) {
        buttons.push(html`<button type="button" class="button primary" data-action="publish" ?disabled=${this._busy}
          @click=${() => this._act("publish", {}, t.workflow.published)}>${t.workflow.publishNow}</button>`);
        buttons.push(html`<button type="button" class="button" data-action="schedule" ?disabled=${this._busy}
          @click=${() => this._dialog("desk-schedule")}>${t.workflow.schedule}</button>`);
      }
      if (status === "published" || status === "scheduled") {
        buttons.push(html`<button type="button" class="button" data-action="unpublish" ?disabled=${this._busy}
          @click=${this._unpublish}>${status === "scheduled" ? t.workflow.cancelSchedule : t.workflow.unpublish}</button>`);
      }
      if (status !== "published") {
        buttons.push(html`<button type="button" class="button danger" data-action="delete" ?disabled=${this._busy}
          @click=${this._delete}>${t.workflow.delete}</button>`);
      }
    }
    if (!buttons.length) return nothing;
    return html`<div class="workflow" role="group" aria-label=${t.workflow.label}>${buttons}</div>`;
  }

  _dialogs() {
    if (!this._article || !this._isEditor) return nothing;
    const soon = toLocalInput(this._article.scheduled_for || Date.now() + 3600 * 1000);
    return html`
      <dialog id="desk-send-back" class="dialog" aria-labelledby="desk-send-back-title">
        <form class="stack" @submit=${this._sendBack}>
          <h2 id="desk-send-back-title">${t.workflow.sendBackTitle}</h2>
          <div class="field">
            <label for="desk-send-back-note">${t.workflow.sendBackNote}</label>
            <textarea id="desk-send-back-note" name="note" rows="4" required aria-describedby="desk-send-back-hint"></textarea>
            <p class="hint" id="desk-send-back-hint">${t.workflow.sendBackHint}</p>
          </div>
          <div class="actions">
            <button class="button primary" type="submit">${t.workflow.sendBackConfirm}</button>
            <button class="button" type="button" @click=${(e) => e.target.closest("dialog").close()}>${t.cancel}</button>
          </div>
        </form>
      </dialog>
      <dialog id="desk-schedule" class="dialog" aria-labelledby="desk-schedule-title">
        <form class="stack" @submit=${this._schedulePublish} novalidate>
          <h2 id="desk-schedule-title">${t.workflow.scheduleTitle}</h2>
          <div class="field">
            <label for="desk-schedule-at">${t.workflow.scheduleAt}</label>
            <input id="desk-schedule-at" name="at" type="datetime-local" .value=${soon} required
              aria-describedby="desk-schedule-hint desk-schedule-error" />
            <p class="hint" id="desk-schedule-hint">${t.workflow.scheduleHint}</p>
            <p class="field-error" id="desk-schedule-error"></p>
          </div>
          <div class="actions">
            <button class="button primary" type="submit">${t.workflow.scheduleConfirm}</button>
            <button class="button" type="button" @click=${(e) => e.target.closest("dialog").close()}>${t.cancel}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  // ------------------------------------------------------------------ the photos' order

  /** Saves the photos in `order` (PUT /articles/{id}/photo-order, with the article's
   * ETag): what is typed is saved first, and no text save runs meanwhile, so the two
   * never meet with the same version. Resolves true once saved. */
  async _reorder(order) {
    this._problem = null;
    if (this._dirty && !(await this._save())) {
      this._problem = { message: t.workflow.saveFirst };
      return false;
    }
    while (this._saving) await this._saving.catch(() => {});
    const id = this._article.id;
    const run = this.api.request("PUT", `/articles/${encodeURIComponent(id)}/photo-order`, {
      body: { order },
      etag: this._etag,
    });
    this._saving = run.then(
      () => true,
      () => false,
    );
    try {
      const { data, etag } = await run;
      if (this._article?.id === id) this._accept(data, etag);
      return true;
    } catch (error) {
      this._problem = { message: `${t.photos.moveFailed} ${problemText(error)}`, errors: error.problem?.errors || [] };
      if (error.status === 412) {
        // Saved by someone else meanwhile: the photos as they are now.
        const { data } = await this.api.get(`/articles/${encodeURIComponent(id)}`).catch(() => ({ data: null }));
        if (data) this._photos = data.photos || [];
      }
      return false;
    } finally {
      this._saving = null;
    }
  }

  // ------------------------------------------------------------------ photos in the body

  _insertPhoto(photo) {
    const alt = (photo.alt || photo.caption || "").replace(/[[\]\n]/g, " ").trim();
    this.querySelector("desk-markdown")?.insertBlock(`![${alt}](${photo.name})`);
  }

  _photoTool() {
    const ready = this._photos.filter((p) => p.status !== "rejected");
    if (!ready.length) {
      this._notice = t.editor.noPhotosYet;
      this.querySelector("#desk-photos-title")?.scrollIntoView();
      this.querySelector("#desk-photo-files")?.focus();
      return;
    }
    this._dialog("desk-choose-photo");
  }

  // ------------------------------------------------------------------ drawing

  _stateText() {
    const s = t.editor.state;
    if (!this._canEdit) return s.readOnly;
    switch (this._saveState) {
      case "saving":
        return s.saving;
      case "unsaved":
        return s.unsaved;
      case "needFields":
        return s.needFields;
      case "invalid":
        return s.invalid;
      case "offline":
        return s.offline;
      case "conflict":
        return s.conflict;
      default:
        return this._savedAt ? s.saved(formatTime(this._savedAt)) : "";
    }
  }

  _error(name) {
    const message = this._errors[name] || this._errors[`body.${name}`];
    return message ? html`<p class="field-error" id=${`desk-${name}-error`}>${message}</p>` : nothing;
  }

  _described(name, hint) {
    const ids = [hint ? `desk-${name}-hint` : "", this._errors[name] ? `desk-${name}-error` : ""].filter(Boolean);
    return ids.length ? ids.join(" ") : nothing;
  }

  _textField(name, label, { required = false, hint = "", multiline = false, autocomplete = "off" } = {}) {
    const value = name === "tags" ? this._tagsText : this._fields[name] || "";
    const common = {
      invalid: this._errors[name] ? "true" : "false",
    };
    return html`
      <div class="field field-${name}">
        <label for=${`desk-${name}`}>${label}${required ? html` <span class="required">(${t.editor.required})</span>` : nothing}</label>
        ${multiline
          ? html`<textarea id=${`desk-${name}`} rows="3" .value=${value} ?readonly=${!this._canEdit}
              aria-invalid=${common.invalid} aria-describedby=${this._described(name, hint)}
              @input=${(e) => this._input(name, e.target.value)}></textarea>`
          : html`<input id=${`desk-${name}`} .value=${value} ?readonly=${!this._canEdit} ?required=${required}
              autocomplete=${autocomplete} aria-invalid=${common.invalid} aria-describedby=${this._described(name, hint)}
              @input=${(e) => this._input(name, e.target.value)} />`}
        ${hint ? html`<p class="hint" id=${`desk-${name}-hint`}>${hint}</p>` : nothing}
        ${this._error(name)}
      </div>
    `;
  }

  _categoryField() {
    const value = this._fields.category || "";
    const categories = this._categories;
    if (!categories.length) return this._textField("category", t.editor.category, { required: true });
    return html`
      <div class="field field-category">
        <label for="desk-category">${t.editor.category} <span class="required">(${t.editor.required})</span></label>
        <select id="desk-category" ?disabled=${!this._canEdit} required aria-invalid=${this._errors.category ? "true" : "false"}
          aria-describedby=${this._described("category")} @change=${(e) => this._input("category", e.target.value)}>
          <option value="" ?selected=${!value}>${t.editor.chooseCategory}</option>
          ${categories.map((c) => html`<option value=${c.slug} ?selected=${c.slug === value}>${c.name}</option>`)}
          ${value && !categories.some((c) => c.slug === value) ? html`<option value=${value} selected>${value}</option>` : nothing}
        </select>
        ${this._error("category")}
      </div>
    `;
  }

  _restoreView() {
    const local = this._restore;
    const server = fieldsOf(this._article);
    const changed = FIELDS.filter((name) => asText(local.fields, name) !== asText(server, name));
    return html`
      <section class="restore panel" aria-labelledby="desk-restore-title">
        <h2 id="desk-restore-title">${t.editor.restoreTitle}</h2>
        <p>${t.editor.restoreIntro(formatDateTime(local.editedAt))}</p>
        <div class="actions">
          <button type="button" class="button primary" data-action="restore" @click=${this._restoreLocal}>${t.editor.restoreKeep}</button>
          <button type="button" class="button" data-action="discard" @click=${this._discardLocal}>${t.editor.restoreDiscard}</button>
        </div>
        <details>
          <summary>${t.editor.restoreDiff}</summary>
          ${changed.map(
            (name) => html`<h3>${t.editor[name]}</h3>${diffView(wordDiff(asText(server, name), asText(local.fields, name)))}`,
          )}
        </details>
      </section>
    `;
  }

  _problemView() {
    const problem = this._problem;
    if (!problem) return nothing;
    return html`
      <div class="alert alert-error" role="alert">
        <p>${problem.photosNotReady ? t.workflow.photosNotReady : problem.message}</p>
        ${problem.errors?.length
          ? html`<ul>${problem.errors.map((e) => html`<li>${e.reason}</li>`)}</ul>`
          : nothing}
        ${problem.photosNotReady
          ? html`<button type="button" class="button danger" data-action="force"
              @click=${() => this._act("publish", { ...(problem.body || {}), force: true }, problem.body?.publish_at
                ? (a) => t.workflow.scheduled(formatDateTime(a.scheduled_for))
                : t.workflow.published)}>${t.workflow.forcePublish}</button>`
          : nothing}
      </div>
    `;
  }

  render() {
    if (this._loadError) {
      return html`<h1 tabindex="-1">${t.editor.editTitle}</h1>
        <p class="alert alert-error" role="alert">${this._loadError}</p>
        <p><a href=${href("list")}>${t.editor.back}</a></p>`;
    }
    if (!this._fields) return html`<h1 tabindex="-1">${t.editor.editTitle}</h1><p class="loading" role="status">${t.loading}</p>`;
    const article = this._article;
    const title = article ? t.editor.editTitle : t.editor.newTitle;
    document.title = t.documentTitle(this._fields.title || title);
    const readonly = !this._canEdit;
    const draft = Object.fromEntries(FIELDS.map((name) => [name, this._fields[name]]));
    return html`
      <div class="editor-head">
        <a class="back" href=${href("list", null, article ? { status: article.status } : undefined)}>← ${t.editor.back}</a>
        <div class="head-row">
          <h1 tabindex="-1">${title}</h1>
          ${article ? html`<span class="badge status-${article.status}">${t.status[article.status]}</span>` : nothing}
          ${article?.scheduled_for && article.status === "scheduled"
            ? html`<span class="scheduled">${t.list.scheduledFor(formatDateTime(article.scheduled_for))}</span>`
            : nothing}
        </div>
        <div class="head-row">
          <p class="save-state save-${this._saveState}" role="status" aria-live="polite">${this._stateText()}</p>
          ${!readonly && article
            ? html`<button type="button" class="button small" data-action="save" @click=${() => this._save()}
                ?disabled=${this._saveState === "saving"}>${t.editor.saveNow}</button>`
            : nothing}
          ${article ? html`<a class="button small subtle" href=${href("revisions", article.id)}>${t.editor.revisions}</a>` : nothing}
          ${article?.status === "published" && article.url
            ? html`<a class="button small subtle" href=${article.url} target="_blank" rel="noopener">${t.editor.viewOnSite}</a>`
            : nothing}
          <button type="button" class="button small preview-toggle" aria-expanded=${this._showPreview ? "true" : "false"}
            aria-controls="desk-preview-pane" @click=${() => (this._showPreview = !this._showPreview)}>
            ${this._showPreview ? t.editor.hidePreview : t.editor.showPreview}
          </button>
        </div>
        ${this._workflow()}
        <div aria-live="polite">${this._notice ? html`<p class="alert alert-ok">${this._notice}</p>` : nothing}</div>
        ${this._problemView()}
        ${this._errors._ ? html`<p class="alert alert-error" role="alert">${this._errors._}</p>` : nothing}
        ${article?.review_note && article.status === "draft"
          ? html`<section class="alert alert-note" aria-labelledby="desk-note-title">
              <h2 id="desk-note-title">${t.editor.reviewNote}</h2>
              <p class="review-note">${article.review_note}</p>
            </section>`
          : nothing}
      </div>
      ${this._restore ? this._restoreView() : nothing}
      ${this._conflict
        ? html`<desk-merge .conflict=${this._conflict} .current=${this._fields} @merged=${this._merged}></desk-merge>`
        : nothing}
      <div class="editor-grid ${this._showPreview ? "preview-open" : ""} ${this._conflict ? "hidden" : ""}">
        <form class="editor-form stack" @submit=${(e) => (e.preventDefault(), this._save())} aria-label=${t.editor.fields}>
          ${this._textField("title", t.editor.title, { required: true })}
          ${this._textField("summary", t.editor.summary, { multiline: true })}
          <div class="field-row">
            ${this._categoryField()} ${this._textField("author", t.editor.author, { required: true, autocomplete: "name" })}
          </div>
          <div class="field-row">
            ${this._textField("tags", t.editor.tags, { hint: t.editor.tagsHint })} ${this._textField("source", t.editor.source)}
          </div>
          <div class="field field-body">
            <span class="label" id="desk-body-label">${t.editor.body} <span class="required">(${t.editor.required})</span></span>
            <p class="hint" id="desk-body-hint">${t.editor.bodyHint}</p>
            <desk-markdown .value=${this._fields.body} label=${t.editor.body}
              described-by=${["desk-body-hint", this._errors.body ? "desk-body-error" : ""].filter(Boolean).join(" ")}
              ?readonly=${readonly} ?invalid=${Boolean(this._errors.body)}
              @body-input=${(e) => this._input("body", e.detail)} @photo-tool=${this._photoTool}></desk-markdown>
            ${this._error("body")}
          </div>
          <desk-photos .api=${this.api} .config=${this.config} articleId=${article?.id || ""} .photos=${this._photos}
            .body=${this._fields.body} ?readonly=${readonly} .reorder=${(order) => this._reorder(order)}
            @photos-changed=${(e) => (this._photos = e.detail)} @insert-photo=${(e) => this._insertPhoto(e.detail)}></desk-photos>
        </form>
        <section id="desk-preview-pane" class="preview-pane" aria-labelledby="desk-preview-title">
          <h2 id="desk-preview-title">${t.editor.preview}</h2>
          <desk-preview .api=${this.api} articleId=${article?.id || ""} .draft=${draft} ?complete=${this._complete}></desk-preview>
        </section>
      </div>
      <dialog id="desk-choose-photo" class="dialog" aria-labelledby="desk-choose-photo-title">
        <h2 id="desk-choose-photo-title">${t.editor.choosePhotoTitle}</h2>
        <ul class="choose-photos">
          ${this._photos
            .filter((p) => p.status !== "rejected")
            .map(
              (p) => html`<li><button type="button" class="button" @click=${(e) => {
                e.target.closest("dialog").close();
                this._insertPhoto(p);
              }}>${t.editor.insert}: ${p.name}${p.caption ? ` — ${p.caption}` : ""}</button></li>`,
            )}
        </ul>
        <button type="button" class="button" @click=${(e) => e.target.closest("dialog").close()}>${t.cancel}</button>
      </dialog>
      ${this._dialogs()}
    `;
  }
}

customElements.define("desk-editor", DeskEditor);
