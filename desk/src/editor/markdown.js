// The body's editor: CodeMirror 6 with Markdown, a toolbar of the few formats a news
// article needs, and photo insertion at the cursor. Tab is left to move the focus, so
// the page stays usable with a keyboard alone.
//
// CodeMirror lives in a shadow root of its own: there its styles are constructed
// stylesheets (adoptedStyleSheets), which the desk's Content-Security-Policy
// (style-src 'self') allows; in the document itself it would add <style> elements, which
// the policy refuses. Its description (hint, error) is mirrored inside that root, since
// aria-describedby cannot name an element across it.
import { html } from "lit";
import { EditorView, keymap, placeholder as placeholderText, drawSelection } from "@codemirror/view";
import { EditorState, Compartment } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
// The Markdown language alone: markdown() would also bring HTML, CSS and JavaScript
// parsers for embedded code (about 150 KB) that a news article does not need.
import { markdownLanguage, markdownKeymap } from "@codemirror/lang-markdown";
import { LanguageSupport, syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { LightElement } from "../core/light.js";
import { t } from "../core/i18n.js";

// The desk's look inside the shadow root (its stylesheet does not reach there).
const theme = EditorView.theme({
  "&": { minHeight: "18rem", maxHeight: "70vh", fontSize: "1rem", color: "#1b1f24", backgroundColor: "#fff" },
  ".cm-scroller": {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
    lineHeight: "1.6",
  },
  ".cm-content": { padding: "0.75rem 0.5rem", caretColor: "#1b1f24" },
  "&.cm-focused": { outline: "3px solid #ffbf47", outlineOffset: "2px", boxShadow: "0 0 0 5px #1b1f24" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "#cfe0f3" },
});

function wrap(view, mark, sample) {
  const { from, to } = view.state.selection.main;
  const chosen = view.state.sliceDoc(from, to) || sample;
  view.dispatch({
    changes: { from, to, insert: `${mark}${chosen}${mark}` },
    selection: { anchor: from + mark.length, head: from + mark.length + chosen.length },
  });
}

function prefixLines(view, prefix) {
  const { from, to } = view.state.selection.main;
  const changes = [];
  const first = view.state.doc.lineAt(from).number;
  const last = view.state.doc.lineAt(to).number;
  for (let n = first; n <= last; n += 1) {
    const line = view.state.doc.line(n);
    const text = typeof prefix === "function" ? prefix(n - first + 1) : prefix;
    const existing = /^(#{1,6} |> |- |\d+\. )/.exec(line.text);
    changes.push({ from: line.from, to: line.from + (existing ? existing[0].length : 0), insert: text });
  }
  view.dispatch({ changes });
}

export class DeskMarkdown extends LightElement {
  static properties = {
    value: { attribute: false },
    label: { type: String },
    describedBy: { type: String, attribute: "described-by" },
    readonly: { type: Boolean },
    invalid: { type: Boolean },
  };

  firstUpdated() {
    const host = this.querySelector(".cm-host");
    const root = host.attachShadow({ mode: "open" });
    this._description = document.createElement("div");
    this._description.id = "description";
    this._description.hidden = true;
    const parent = document.createElement("div");
    root.append(this._description, parent);
    this._describe();
    this.view = new EditorView({ root, parent, state: this._state(this.value || "") });
  }

  _describe() {
    if (!this._description) return;
    const texts = (this.describedBy || "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() || "");
    this._description.textContent = texts.filter(Boolean).join(" ");
  }

  /** What depends on the element's properties: changed in place (a compartment), never by
   * a new state, which would move the cursor to the start and forget the undo history
   * while the person is typing. */
  _settings() {
    return [
      EditorState.readOnly.of(Boolean(this.readonly)),
      EditorView.editable.of(!this.readonly),
      EditorView.contentAttributes.of({
        "aria-label": this.label || "",
        "aria-multiline": "true",
        "aria-describedby": "description",
        "aria-invalid": this.invalid ? "true" : "false",
        spellcheck: "true",
        lang: "vi",
      }),
    ];
  }

  _state(doc) {
    this._settingsSlot = new Compartment();
    return EditorState.create({
      doc,
      extensions: [
        history(),
        drawSelection(),
        keymap.of([
          { key: "Mod-b", run: (v) => (wrap(v, "**", t.editor.boldText), true) },
          { key: "Mod-i", run: (v) => (wrap(v, "_", t.editor.italicText), true) },
          ...markdownKeymap,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        new LanguageSupport(markdownLanguage),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        EditorView.lineWrapping,
        theme,
        placeholderText(""),
        this._settingsSlot.of(this._settings()),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            this._value = update.state.doc.toString();
            this.emit("body-input", this._value);
          }
        }),
      ],
    });
  }

  updated(changed) {
    if (!this.view) return;
    if (changed.has("value") && this.value !== this._value && this.value !== this.view.state.doc.toString()) {
      // Set from outside (a restore, a merge): replace the text, keep the history. What we
      // said ourselves (body-input) coming back is never put in again: the person may
      // have typed on since, and that would be taken back.
      this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: this.value || "" } });
    }
    if (changed.has("readonly") || changed.has("invalid") || changed.has("label")) {
      this.view.dispatch({ effects: this._settingsSlot.reconfigure(this._settings()) });
    }
    this._describe();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.view?.destroy();
    this.view = null;
  }

  focus() {
    this.view?.focus();
  }

  /** Puts `text` where the cursor is, on a line of its own. */
  insertBlock(text) {
    const view = this.view;
    const { from, to } = view.state.selection.main;
    const before = from > 0 && view.state.sliceDoc(from - 1, from) !== "\n" ? "\n\n" : "";
    const after = to < view.state.doc.length && view.state.sliceDoc(to, to + 1) !== "\n" ? "\n\n" : "\n";
    const insert = `${before}${text}${after}`;
    view.dispatch({ changes: { from, to, insert }, selection: { anchor: from + insert.length } });
    view.focus();
  }

  _tool(name) {
    const view = this.view;
    if (!view || this.readonly) return;
    if (name === "bold") wrap(view, "**", t.editor.boldText);
    else if (name === "italic") wrap(view, "_", t.editor.italicText);
    else if (name === "h2") prefixLines(view, "## ");
    else if (name === "h3") prefixLines(view, "### ");
    else if (name === "bullets") prefixLines(view, "- ");
    else if (name === "numbers") prefixLines(view, (n) => `${n}. `);
    else if (name === "quote") prefixLines(view, "> ");
    else if (name === "link") {
      const { from, to } = view.state.selection.main;
      const chosen = view.state.sliceDoc(from, to) || t.editor.linkText;
      const insert = `[${chosen}](https://)`;
      view.dispatch({
        changes: { from, to, insert },
        selection: { anchor: from + chosen.length + 3, head: from + insert.length - 1 },
      });
    } else if (name === "photo") {
      this.emit("photo-tool");
      return;
    }
    view.focus();
  }

  render() {
    const tools = ["h2", "h3", "bold", "italic", "bullets", "numbers", "quote", "link", "photo"];
    return html`
      <div class="toolbar" role="toolbar" aria-label=${t.editor.toolbar}>
        ${tools.map(
          (name) => html`<button type="button" class="tool tool-${name}" ?disabled=${this.readonly}
            @click=${() => this._tool(name)}>${t.editor.tools[name]}</button>`,
        )}
      </div>
      <div class="cm-host ${this.invalid ? "invalid" : ""}"></div>
    `;
  }
}

customElements.define("desk-markdown", DeskMarkdown);
