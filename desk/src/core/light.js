// Components render into the page itself (no shadow root), so the desk's one stylesheet
// styles them all and labels, ids and focus work across them as in plain HTML.
import { LitElement } from "lit";

export class LightElement extends LitElement {
  createRenderRoot() {
    return this;
  }

  /** Fires a bubbling event with `detail`. */
  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}
