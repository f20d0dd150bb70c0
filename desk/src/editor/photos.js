// The article's photos: added by drag and drop or the file picker (a phone's camera
// roll), each uploaded straight to storage with its own progress bar, then processed;
// caption, alt text and credit editable (prefilled from the file once processed);
// inserted at the body's cursor; a refusal shown with its reason.
import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { LightElement } from "../core/light.js";
import { t } from "../core/i18n.js";
import { acceptedType, photoName } from "../core/names.js";
import { randomKey } from "../core/ids.js";
import { problemText } from "../views/problem.js";

const MAX_BYTES = 25 * 1024 * 1024;
const POLL_MS = 1500;
const POLL_LIMIT_MS = 180000;

function sendForm(upload, file, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.upload_fields)) form.append(name, value);
    form.append("file", file);
    const request = new XMLHttpRequest();
    request.open(upload.upload_method || "POST", upload.upload_url);
    for (const [name, value] of Object.entries(upload.upload_headers || {})) request.setRequestHeader(name, value);
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    request.addEventListener("load", () => {
      if (request.status >= 200 && request.status < 300) resolve();
      else {
        const message = /<Message>([^<]*)<\/Message>/.exec(request.responseText || "");
        reject(new Error(message ? message[1] : `HTTP ${request.status}`));
      }
    });
    request.addEventListener("error", () => reject(new Error("network")));
    request.addEventListener("abort", () => reject(new Error("aborted")));
    request.send(form);
  });
}

export class DeskPhotos extends LightElement {
  static properties = {
    api: { attribute: false },
    config: { attribute: false },
    articleId: { type: String },
    photos: { attribute: false },
    body: { type: String },
    readonly: { type: Boolean },
    /** (order: names) => Promise<boolean>: the editor saves the photos' order. */
    reorder: { attribute: false },
    _uploads: { state: true },
    _moving: { state: true },
    _moved: { state: true },
    _messages: { state: true },
    _fieldErrors: { state: true },
    _dragging: { state: true },
  };

  constructor() {
    super();
    this.photos = [];
    this._uploads = [];
    this._messages = [];
    this._fieldErrors = {};
    this._dragging = false;
    this._pollUntil = 0;
    this._moving = false;
    this._moved = "";
  }

  /** Moves a photo one place up (-1) or down (+1); the focus stays on the moved photo's
   * button (the other one when it reached an end), so it can be moved again at once. */
  async _move(photo, step) {
    const names = this.photos.map((p) => p.name);
    const from = names.indexOf(photo.name);
    const to = from + step;
    if (this._moving || from < 0 || to < 0 || to >= names.length) return;
    names.splice(from, 1);
    names.splice(to, 0, photo.name);
    this._moving = true;
    this._moved = "";
    try {
      if (await this.reorder?.(names)) {
        this._moved = t.photos.moved(photo.name, to + 1, names.length);
        const last = to === 0 || to === names.length - 1;
        this._focusAfter = { name: photo.name, direction: last ? (to === 0 ? "down" : "up") : step < 0 ? "up" : "down" };
      } else {
        this._moved = t.photos.moveFailed;
      }
    } finally {
      this._moving = false;
    }
  }

  updated() {
    const focus = this._focusAfter;
    if (!focus) return;
    const card = [...this.querySelectorAll(".photo-card")].find((c) => c.dataset.photo === focus.name);
    const button = card?.querySelector(`[data-move="${focus.direction}"]`);
    if (button && !button.disabled) {
      this._focusAfter = null;
      button.focus();
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this._pollTimer);
  }

  _set(photos) {
    this.photos = photos;
    this.emit("photos-changed", photos);
  }

  async _reload() {
    const { data } = await this.api.get(`/articles/${encodeURIComponent(this.articleId)}/photos`);
    this._set(data.photos);
    return data.photos;
  }

  _poll() {
    clearTimeout(this._pollTimer);
    this._pollTimer = setTimeout(async () => {
      try {
        const photos = await this._reload();
        const waiting = photos.some((p) => p.status === "awaiting_upload" && this._uploaded?.has(p.name));
        if (waiting && Date.now() < this._pollUntil) this._poll();
      } catch {
        if (Date.now() < this._pollUntil) this._poll();
      }
    }, POLL_MS);
  }

  async addFiles(files) {
    if (!this.articleId || this.readonly) return;
    const taken = new Set([...this.photos.map((p) => p.name), ...this._uploads.map((u) => u.name)]);
    const messages = [];
    const work = [];
    for (const file of files) {
      const type = acceptedType(file);
      if (!type) {
        messages.push(t.photos.notImage(file.name));
        continue;
      }
      if (file.size > MAX_BYTES) {
        messages.push(t.photos.tooLarge(file.name));
        continue;
      }
      const name = photoName(file.name, type, taken);
      taken.add(name);
      const upload = { name, file, type, progress: 0, error: "" };
      this._uploads = [...this._uploads, upload];
      work.push(this._upload(upload));
    }
    this._messages = messages;
    await Promise.all(work);
  }

  _update(upload, changes) {
    Object.assign(upload, changes);
    this._uploads = [...this._uploads];
  }

  async _upload(upload) {
    try {
      const { data } = await this.api.request("POST", `/articles/${encodeURIComponent(this.articleId)}/photos`, {
        body: { name: upload.name, content_type: upload.type },
        idempotencyKey: randomKey(),
      });
      await this._reload().catch(() => null);
      await sendForm(data, upload.file, (fraction) => this._update(upload, { progress: fraction }));
      this._update(upload, { progress: 1 });
      (this._uploaded ||= new Set()).add(upload.name);
      this._uploads = this._uploads.filter((u) => u !== upload);
      this._pollUntil = Date.now() + POLL_LIMIT_MS;
      await this._reload().catch(() => null);
      this._poll();
    } catch (error) {
      const reason = error.status !== undefined ? problemText(error) : error.message === "network" ? t.problems.network : error.message;
      this._update(upload, { error: `${t.photos.uploadFailed(upload.name)} ${reason}` });
    }
  }

  async _change(photo, field, value) {
    const key = `${photo.name}:${field}`;
    try {
      const { data } = await this.api.request(
        "PATCH",
        `/articles/${encodeURIComponent(this.articleId)}/photos/${encodeURIComponent(photo.name)}`,
        { body: { [field]: value } },
      );
      const changed = data && data.name ? data : null;
      this._set(this.photos.map((p) => (p.name === photo.name ? changed || { ...p, [field]: value } : p)));
      this._fieldErrors = { ...this._fieldErrors, [key]: "" };
    } catch (error) {
      this._fieldErrors = { ...this._fieldErrors, [key]: error.fieldErrors?.[field] || problemText(error) };
    }
  }

  async _remove(photo) {
    if (!confirm(t.photos.removeConfirm(photo.name))) return;
    try {
      await this.api.request("DELETE", `/articles/${encodeURIComponent(this.articleId)}/photos/${encodeURIComponent(photo.name)}`);
      this._set(this.photos.filter((p) => p.name !== photo.name));
    } catch (error) {
      this._messages = [problemText(error)];
    }
  }

  _drop(event) {
    event.preventDefault();
    this._dragging = false;
    if (event.dataTransfer?.files?.length) this.addFiles([...event.dataTransfer.files]);
  }

  _thumbnail(photo) {
    if (photo.status !== "ready" || !photo.renditions?.length || !this.config?.siteUrl) return nothing;
    const smallest = [...photo.renditions].sort((a, b) => a.width - b.width)[0];
    return html`<img class="thumb" src=${`${this.config.siteUrl}/${smallest.key}`} alt=${t.photos.thumbnail(photo.name)}
      width=${smallest.width} height=${smallest.height} loading="lazy" />`;
  }

  _status(photo) {
    if (photo.status === "ready") return html`<span class="badge ok">${t.photos.ready}</span>`;
    if (photo.status === "rejected") return html`<span class="badge bad">${t.photos.rejected}</span>`;
    const processing = this._uploaded?.has(photo.name);
    return html`<span class="badge wait">${processing ? t.photos.processing : t.photos.awaiting}</span>`;
  }

  _field(photo, field, label, multiline) {
    const id = `photo-${photo.name.replace(/[^a-z0-9]/gi, "-")}-${field}`;
    const error = this._fieldErrors[`${photo.name}:${field}`];
    const fromFile = photo[`${field}_source`] === "iptc" || photo[`${field}_source`] === "xmp";
    const describedBy = [error ? `${id}-error` : "", fromFile ? `${id}-source` : ""].filter(Boolean).join(" ");
    const input = multiline
      ? html`<textarea id=${id} rows="2" .value=${photo[field] || ""} ?readonly=${this.readonly}
          aria-invalid=${error ? "true" : "false"} aria-describedby=${describedBy || nothing}
          @change=${(e) => this._change(photo, field, e.target.value)}></textarea>`
      : html`<input id=${id} .value=${photo[field] || ""} ?readonly=${this.readonly}
          aria-invalid=${error ? "true" : "false"} aria-describedby=${describedBy || nothing}
          @change=${(e) => this._change(photo, field, e.target.value)} />`;
    return html`<div class="field">
      <label for=${id}>${label}<span class="visually-hidden"> — ${photo.name}</span></label>
      ${input}
      ${fromFile ? html`<p class="hint" id=${`${id}-source`}>${t.photos.fromFile}</p>` : nothing}
      ${error ? html`<p class="field-error" id=${`${id}-error`}>${error}</p>` : nothing}
    </div>`;
  }

  _card(photo, index, count) {
    const placed = (this.body || "").includes(`](${photo.name})`);
    return html`
      <li class="photo-card" data-photo=${photo.name}>
        <div class="photo-head">
          ${this._thumbnail(photo)}
          <div>
            <p class="photo-name">${photo.name}${count > 1 ? html` <span class="photo-place">(${t.photos.place(index + 1, count)})</span>` : nothing}</p>
            ${this._status(photo)} ${placed ? html`<span class="badge">${t.photos.inBody}</span>` : nothing}
          </div>
        </div>
        ${photo.status === "rejected" && photo.reason
          ? html`<p class="alert alert-error photo-reason">${t.photos.rejectedReason(photo.reason)}</p>`
          : nothing}
        ${this._field(photo, "caption", t.photos.caption, true)}
        ${this._field(photo, "alt", t.photos.alt, false)}
        ${this._field(photo, "credit", t.photos.credit, false)}
        <div class="photo-actions">
          ${this.readonly || count < 2
            ? nothing
            : html`<button type="button" class="button small" data-move="up" ?disabled=${index === 0 || this._moving}
                  aria-label=${t.photos.moveUpLabel(photo.name)} @click=${() => this._move(photo, -1)}>↑ ${t.photos.moveUp}</button>
                <button type="button" class="button small" data-move="down" ?disabled=${index === count - 1 || this._moving}
                  aria-label=${t.photos.moveDownLabel(photo.name)} @click=${() => this._move(photo, 1)}>↓ ${t.photos.moveDown}</button>`}
          <button type="button" class="button small" ?disabled=${this.readonly || photo.status === "rejected"}
            aria-label=${t.photos.insertLabel(photo.name)} @click=${() => this.emit("insert-photo", photo)}>${t.photos.insert}</button>
          ${this.readonly
            ? nothing
            : html`<button type="button" class="button small danger" aria-label=${t.photos.removeLabel(photo.name)}
                @click=${() => this._remove(photo)}>${t.photos.remove}</button>`}
        </div>
      </li>
    `;
  }

  render() {
    const uploads = this._uploads;
    return html`
      <section class="photos" aria-labelledby="desk-photos-title">
        <h2 id="desk-photos-title">${t.photos.title}</h2>
        ${!this.articleId
          ? html`<p class="hint">${t.photos.needSaved}</p>`
          : this.readonly
            ? nothing
            : html`<div class="dropzone ${this._dragging ? "dragging" : ""}"
                @dragover=${(e) => {
                  e.preventDefault();
                  this._dragging = true;
                }}
                @dragleave=${() => (this._dragging = false)}
                @drop=${this._drop}>
                <span>${t.photos.drop}</span>
                <label class="button" for="desk-photo-files">${t.photos.choose}</label>
                <input id="desk-photo-files" class="file-input" type="file" accept="image/*" multiple
                  aria-describedby="desk-photo-hint"
                  @change=${(e) => {
                    this.addFiles([...e.target.files]);
                    e.target.value = "";
                  }} />
                <p class="hint" id="desk-photo-hint">${t.photos.chooseHint}</p>
              </div>`}
        ${this._messages.length
          ? html`<ul class="alert alert-error" role="alert">${this._messages.map((m) => html`<li>${m}</li>`)}</ul>`
          : nothing}
        ${uploads.length
          ? html`<ul class="uploads">
              ${uploads.map(
                (u) => html`<li class="upload" data-upload=${u.name}>
                  <label for=${`upload-${u.name}`}>${t.photos.uploading(u.name)}</label>
                  <progress id=${`upload-${u.name}`} max="100" .value=${Math.round(u.progress * 100)}>${Math.round(u.progress * 100)}%</progress>
                  <span class="percent">${Math.round(u.progress * 100)}%</span>
                  ${u.error ? html`<p class="alert alert-error" role="alert">${u.error}</p>` : nothing}
                </li>`,
              )}
            </ul>`
          : nothing}
        ${this.articleId && !this.photos.length && !uploads.length ? html`<p class="hint">${t.photos.none}</p>` : nothing}
        ${this.photos.length > 1 && !this.readonly ? html`<p class="hint">${t.photos.orderHint}</p>` : nothing}
        <p class="visually-hidden" role="status">${this._moved}</p>
        <ul class="photo-list">${repeat(
          this.photos,
          (p) => p.name,
          (p, index) => this._card(p, index, this.photos.length),
        )}</ul>
      </section>
    `;
  }
}

customElements.define("desk-photos", DeskPhotos);
