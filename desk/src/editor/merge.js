// Two versions of one article, side by side: the one just saved by someone else and the
// one typed here. For each field that differs, the word diff, "take mine", "take theirs"
// and the merged text to edit by hand; nothing is saved until the person says so, and
// then against the other version, so neither is overwritten unseen.
import { html, nothing } from "lit";
import { LightElement } from "../core/light.js";
import { t } from "../core/i18n.js";
import { FIELDS, fieldsOf } from "../core/drafts.js";
import { wordDiff } from "../core/words.js";
import { formatDateTime } from "../core/time.js";
import { diffView } from "../views/diff.js";

const text = (fields, name) => (name === "tags" ? (fields.tags || []).join(", ") : fields[name] || "");

export class DeskMerge extends LightElement {
  static properties = {
    conflict: { attribute: false },
    _merged: { state: true },
  };

  willUpdate(changed) {
    if (changed.has("conflict") && this.conflict) {
      const mine = this.conflict.mine;
      this._merged = Object.fromEntries(FIELDS.map((name) => [name, text(mine, name)]));
    }
  }

  firstUpdated() {
    this.querySelector("h2")?.focus();
  }

  _take(name, source) {
    const fields = source === "mine" ? this.conflict.mine : fieldsOf(this.conflict.theirs);
    this._merged = { ...this._merged, [name]: text(fields, name) };
  }

  _save() {
    const fields = { ...this._merged };
    fields.tags = fields.tags
      .split(/[,;\n]/)
      .map((tag) => tag.trim())
      .filter(Boolean);
    this.emit("merged", { fields });
  }

  render() {
    const { theirs, mine } = this.conflict;
    const theirFields = fieldsOf(theirs);
    const differing = FIELDS.filter((name) => text(theirFields, name) !== text(mine, name));
    return html`
      <section class="merge panel" aria-labelledby="desk-merge-title">
        <h2 id="desk-merge-title" tabindex="-1">${t.merge.title}</h2>
        <p>${t.merge.intro(theirs.updated_by, formatDateTime(theirs.updated_at))}</p>
        ${differing.map((name) => {
          const id = `desk-merge-${name}`;
          const long = name === "body" || name === "summary";
          return html`
            <fieldset class="merge-field" data-field=${name}>
              <legend>${t.editor[name]}</legend>
              <div class="merge-sides">
                <div class="merge-side">
                  <h3>${t.merge.theirs}</h3>
                  <p class="merge-text theirs">${text(theirFields, name)}</p>
                </div>
                <div class="merge-side">
                  <h3>${t.merge.mine}</h3>
                  <p class="merge-text mine">${text(mine, name)}</p>
                </div>
              </div>
              <p class="hint">${t.merge.diff}</p>
              ${diffView(wordDiff(text(theirFields, name), text(mine, name)))}
              <div class="actions">
                <button type="button" class="button small" data-take="mine" @click=${() => this._take(name, "mine")}>${t.merge.takeMine}</button>
                <button type="button" class="button small" data-take="theirs" @click=${() => this._take(name, "theirs")}>${t.merge.takeTheirs}</button>
              </div>
              <div class="field">
                <label for=${id}>${t.merge.merged(t.editor[name])}</label>
                ${long
                  ? html`<textarea id=${id} rows=${name === "body" ? 10 : 3} .value=${this._merged[name]}
                      @input=${(e) => (this._merged = { ...this._merged, [name]: e.target.value })}></textarea>`
                  : html`<input id=${id} .value=${this._merged[name]}
                      @input=${(e) => (this._merged = { ...this._merged, [name]: e.target.value })} />`}
              </div>
            </fieldset>
          `;
        })}
        ${differing.length ? nothing : html`<p>${t.revisions.noChanges}</p>`}
        <div class="actions">
          <button type="button" class="button primary" data-action="save-merge" @click=${this._save}>${t.merge.save}</button>
        </div>
      </section>
    `;
  }
}

customElements.define("desk-merge", DeskMerge);
