// A word diff drawn as text: removed words struck through, added words underlined
// (and named for screen readers, which do not announce the marks themselves).
import { html } from "lit";

export function diffView(parts) {
  return html`<p class="diff">${parts.map((part) =>
    part.kind === "added"
      ? html`<ins>${part.text}</ins>`
      : part.kind === "removed"
        ? html`<del>${part.text}</del>`
        : part.text,
  )}</p>`;
}
