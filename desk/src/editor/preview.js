// The real page, as the site would show it, from what is typed now (not saved): the API
// renders the draft (POST /articles/{id}/preview) a moment after typing stops, and the
// page is shown in a sandboxed frame: no scripts, no forms, no navigation of the desk;
// its own origin kept (allow-same-origin) so that the site's fonts and stylesheet load as they
// do for readers, which without scripts gives the frame nothing to act with.
import { html, nothing } from "lit";
import { LightElement } from "../core/light.js";
import { t } from "../core/i18n.js";
import { problemText } from "../views/problem.js";

// A pause this long in typing asks for a preview (an earlier request still under way is
// dropped): with the API's render of about 100 ms, the page follows the text within about
// 300 ms of the last keystroke (benchmarks/desk_preview.py).
const PAUSE_MS = 150;
// "Updating" is said only for a render slower than this, so that typing does not make the
// status region speak at every pause.
const SLOW_MS = 400;

export class DeskPreview extends LightElement {
  static properties = {
    api: { attribute: false },
    articleId: { type: String },
    draft: { attribute: false },
    complete: { type: Boolean },
    _html: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  constructor() {
    super();
    this._html = "";
    this._error = "";
    this._busy = false;
  }

  updated(changed) {
    if ((changed.has("draft") || changed.has("articleId")) && this.articleId && this.complete) {
      // The editor hands a new object at each of its renders: ask only when the text differs
      // from what the frame shows or was last asked for.
      const asked = JSON.stringify([this.articleId, this.draft]);
      if (asked === this._asked) return;
      clearTimeout(this._timer);
      this._timer = setTimeout(() => {
        this._asked = asked;
        this._render();
      }, this._html ? PAUSE_MS : 0);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this._timer);
    this._abort?.abort();
  }

  async _render() {
    this._abort?.abort();
    const abort = (this._abort = new AbortController());
    const slow = setTimeout(() => {
      if (!abort.signal.aborted) this._busy = true;
    }, SLOW_MS);
    try {
      const { data } = await this.api.request("POST", `/articles/${encodeURIComponent(this.articleId)}/preview`, {
        body: this.draft,
        raw: true,
        signal: abort.signal,
        idempotencyKey: false,
        safe: true,
      });
      if (abort.signal.aborted) return;
      this._html = data;
      this._error = "";
    } catch (error) {
      if (error.name === "AbortError") return;
      this._asked = undefined;
      this._error = `${t.editor.previewFailed} ${problemText(error)}`;
    } finally {
      clearTimeout(slow);
      if (!abort.signal.aborted) this._busy = false;
    }
  }

  render() {
    return html`
      <p class="preview-state" role="status">${this._busy ? t.editor.previewUpdating : ""}</p>
      ${this._error ? html`<p class="alert alert-error">${this._error}</p>` : nothing}
      ${!this.articleId || !this.complete
        ? html`<p class="hint">${t.editor.previewEmpty}</p>`
        : html`<iframe class="preview-frame" title=${t.editor.previewFrame} sandbox="allow-same-origin" .srcdoc=${this._html}></iframe>`}
    `;
  }
}

customElements.define("desk-preview", DeskPreview);
